import { uuidv7 } from 'uuidv7'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mutation, PushResult } from '../../src/domain/protocol'
import type { ServiceItem } from '../../src/domain/service-item'
import { addStaff } from './accounts-helpers'
import { type Session, type TestServer, catalogue, createCase, login, push, startServer, transitionCase, updateCase } from './helpers'

/**
 * The whole role × action × case state × centre × took-it-in matrix, over real HTTP against the
 * real server: every cell gets a case of its own, brought to its state by real pushes, then the
 * actor's change. What must happen is written out below by hand — not computed by the rules under
 * test (src/domain/case-status.ts) — and a refused change must leave the case exactly as it was.
 */
const STATES = ['received', 'in_progress', 'returned', 'pending_approval', 'approved', 'completed', 'declined', 'withdrawn'] as const
type State = (typeof STATES)[number]
const TRANSITIONS = ['start', 'returnForMaterials', 'resume', 'submitForApproval', 'approve', 'complete', 'decline', 'withdraw'] as const
type Transition = (typeof TRANSITIONS)[number]
/** Every transition, an edit of a field, and settling a conflict in the central system's favour. */
const OPS = [...TRANSITIONS, 'edit', 'settle'] as const
type Op = (typeof OPS)[number]

/** The actors, all of the ORD centre; three supervisors differ in their approval departments. */
const ACTORS = {
  'clerk': { username: 'ord-clerk2', role: 'clerk' },
  'outreach': { username: 'ord-outreach', role: 'outreach' },
  'supervisor': { username: 'ord-super', role: 'supervisor' },
  'supervisor of the item’s department': { username: 'ord-super-police', role: 'supervisor' },
  'supervisor of other departments': { username: 'ord-super-market', role: 'supervisor' },
  'admin': { username: 'admin', role: 'admin' },
} as const
type ActorName = keyof typeof ACTORS
/** Whose case: taken in by the actor, by a colleague of the actor's centre, or in another centre. */
const WHERE = ['took it in', 'colleague’s', 'other centre'] as const
type Where = (typeof WHERE)[number]
type Kind = 'approval item' | 'plain item'

/** From which states each transition goes, written out from the product's rules (docs/case-matrix.md). */
const FROM: Record<Transition, readonly State[]> = {
  start: ['received'],
  returnForMaterials: ['received', 'in_progress', 'pending_approval'],
  resume: ['returned'],
  submitForApproval: ['received', 'in_progress'],
  approve: ['pending_approval'],
  complete: ['in_progress', 'approved'],
  decline: ['received', 'in_progress', 'pending_approval'],
  withdraw: ['received', 'in_progress', 'returned', 'pending_approval'],
}
const NEXT: Record<Transition, State> = {
  start: 'in_progress', returnForMaterials: 'returned', resume: 'in_progress', submitForApproval: 'pending_approval',
  approve: 'approved', complete: 'completed', decline: 'declined', withdraw: 'withdrawn',
}
const CLOSED: readonly State[] = ['completed', 'declined', 'withdrawn']

type Expected = 'applied' | `${'FORBIDDEN' | 'ILLEGAL_TRANSITION'}:${string}`

/** What the central system must answer for one cell. */
function expected(actor: ActorName, op: Op, state: State, where: Where, kind: Kind): Expected {
  const role = ACTORS[actor].role
  if (role === 'admin') return 'FORBIDDEN:reject.role'
  if (where === 'other centre') return 'FORBIDDEN:reject.otherCenter'
  if (op === 'settle') return 'applied'
  if (op === 'edit') {
    if (state === 'pending_approval') return 'ILLEGAL_TRANSITION:reject.awaitingDecision'
    if (state === 'approved') return 'ILLEGAL_TRANSITION:reject.approvedLocked'
    return CLOSED.includes(state) ? 'ILLEGAL_TRANSITION:reject.finalCase' : 'applied'
  }
  if (op === 'approve' && role !== 'supervisor') return 'FORBIDDEN:reject.role'
  // A decision on a case waiting for approval: supervisors only, never on their own intake.
  const decision = op === 'approve' || ((op === 'returnForMaterials' || op === 'decline') && state === 'pending_approval')
  if (decision && role !== 'supervisor') return 'FORBIDDEN:reject.supervisorDecides'
  if (decision && where === 'took it in') return 'FORBIDDEN:reject.ownCase'
  if (!FROM[op].includes(state)) return 'ILLEGAL_TRANSITION:transition.state'
  if (decision && actor === 'supervisor of other departments') return 'FORBIDDEN:reject.otherDepartment'
  if (op === 'submitForApproval' && kind === 'plain item') return 'ILLEGAL_TRANSITION:transition.approval'
  if (op === 'complete' && state === 'in_progress' && kind === 'approval item') return 'ILLEGAL_TRANSITION:transition.approval'
  return 'applied'
}

interface Cell { actor: ActorName, op: Op, state: State, where: Where, kind: Kind, expect: Expected }
const cells: Cell[] = []
for (const actor of Object.keys(ACTORS) as ActorName[]) {
  for (const where of WHERE) {
    // An administrator takes in no cases.
    if (where === 'took it in' && ACTORS[actor].role === 'admin') continue
    for (const kind of ['approval item', 'plain item'] as const) {
      for (const state of STATES) {
        if (kind === 'plain item' && (state === 'pending_approval' || state === 'approved')) continue
        for (const op of OPS) cells.push({ actor, op, state, where, kind, expect: expected(actor, op, state, where, kind) })
      }
    }
  }
}

let server: TestServer
const sessions: Record<string, Session> = {}
const items = {} as Record<Kind, ServiceItem>
/** Per cell: the case, its version before the actor's change, its row then, and the answer. */
const prepared = new Map<Cell, { caseId: string, version: number, row: unknown, mutation: Mutation, result?: PushResult }>()

const caseRow = (id: string) =>
  server.sql.prepare('select status, data, field_versions, version, seq, updated_at from cases where id = ?').get(id) as
    { status: string, data: string, version: number } | undefined

/** Pushes one session's mutations in batches the server takes; every one must be applied. */
async function pushAll(session: Session, mutations: Mutation[], mustApply: boolean): Promise<PushResult[]> {
  const results: PushResult[] = []
  for (let i = 0; i < mutations.length; i += 400) {
    const answer = await push(server, session, mutations.slice(i, i + 400))
    expect(answer.status).toBe(200)
    results.push(...answer.body.results)
  }
  if (mustApply) expect(results.filter(r => r.status !== 'applied')).toEqual([])
  return results
}

/** Who takes the cell's case in, and which supervisor (not the receiver) approves it on the way. */
function receiverOf(cell: Cell): { receiver: string, approver: string } {
  if (cell.where === 'other centre') return { receiver: 'lzx-clerk1', approver: 'lzx-super' }
  const receiver = cell.where === 'took it in' ? ACTORS[cell.actor].username : 'ord-clerk1'
  return { receiver, approver: receiver === 'ord-super' ? 'ord-super-police' : 'ord-super' }
}

/** The steps that bring a new case to `state`: the receiver's, then the approver's, then the receiver's. */
function path(state: State, kind: Kind): { before: (Transition | 'create')[], approve: boolean, after: Transition[] } {
  const approval = kind === 'approval item'
  switch (state) {
    case 'received': return { before: ['create'], approve: false, after: [] }
    case 'in_progress': return { before: ['create', 'start'], approve: false, after: [] }
    case 'returned': return { before: ['create', 'returnForMaterials'], approve: false, after: [] }
    case 'pending_approval': return { before: ['create', 'submitForApproval'], approve: false, after: [] }
    case 'approved': return { before: ['create', 'submitForApproval'], approve: true, after: [] }
    case 'completed': return approval
      ? { before: ['create', 'submitForApproval'], approve: true, after: ['complete'] }
      : { before: ['create', 'start', 'complete'], approve: false, after: [] }
    case 'declined': return { before: ['create', 'decline'], approve: false, after: [] }
    case 'withdrawn': return { before: ['create', 'withdraw'], approve: false, after: [] }
  }
}

function actorMutation(session: Session, op: Op, caseId: string, version: number): Mutation {
  if (op === 'edit') return updateCase(session, caseId, { notes: `改动 ${uuidv7()}` }, { baseVersion: version })
  if (op === 'settle') {
    const m = updateCase(session, caseId, {}, { baseVersion: version })
    return { ...m, payload: { fields: {}, resolves: { mutationId: uuidv7(), choice: 'theirs' } } }
  }
  return transitionCase(session, caseId, op, { baseVersion: version, note: '说明理由' })
}

beforeAll(async () => {
  server = await startServer()
  const usernames = ['ord-clerk1', 'lzx-clerk1', 'lzx-super', ...Object.values(ACTORS).map(a => a.username)]
  const all = await (async () => {
    const admin = await login(server, 'admin')
    const list = await catalogue(server, admin)
    items['approval item'] = list.find(i => i.code === 'SI-015')!
    items['plain item'] = list.find(i => i.code === 'SI-001')!
    expect(items['approval item'].needsApproval).toBe(true)
    expect(items['plain item'].needsApproval).toBe(false)
    const police = items['approval item'].department
    // Made by the administrator over the API, as a real centre would.
    sessions['ord-super-police'] = await addStaff(server, admin, { username: 'ord-super-police', role: 'supervisor', departments: [police] })
    sessions['ord-super-market'] = await addStaff(server, admin, { username: 'ord-super-market', role: 'supervisor', departments: ['市场监督管理局'] })
    expect(police).not.toBe('市场监督管理局')
    return admin
  })()
  sessions.admin = all
  for (const username of usernames) sessions[username] ??= await login(server, username)

  // 1. Bring one case per cell to its state, in as few pushes as the steps allow.
  const steps = new Map<string, { before: Mutation[], approve: Mutation[], after: Mutation[] }>()
  const stepsOf = (username: string) => {
    if (!steps.has(username)) steps.set(username, { before: [], approve: [], after: [] })
    return steps.get(username)!
  }
  for (const cell of cells) {
    const { receiver, approver } = receiverOf(cell)
    const by = sessions[receiver]!
    const plan = path(cell.state, cell.kind)
    const create = createCase(by, items[cell.kind])
    let version = 1
    const next = (session: Session, action: Transition) => transitionCase(session, create.entityId, action, { baseVersion: version++, note: '准备' })
    stepsOf(receiver).before.push(create, ...plan.before.slice(1).map(action => next(by, action as Transition)))
    if (plan.approve) stepsOf(approver).approve.push(next(sessions[approver]!, 'approve'))
    stepsOf(receiver).after.push(...plan.after.map(action => next(by, action)))
    prepared.set(cell, { caseId: create.entityId, version, row: undefined, mutation: undefined as unknown as Mutation })
  }
  for (const phase of ['before', 'approve', 'after'] as const) {
    for (const [username, planned] of steps) await pushAll(sessions[username]!, planned[phase], true)
  }

  // 2. Every cell's change, pushed by its actor; the case's row is kept from just before.
  const byActor = new Map<string, Cell[]>()
  for (const cell of cells) {
    const p = prepared.get(cell)!
    p.row = caseRow(p.caseId)
    expect((p.row as { status: string }).status).toBe(cell.state)
    p.mutation = actorMutation(sessions[ACTORS[cell.actor].username]!, cell.op, p.caseId, p.version)
    byActor.set(cell.actor, [...byActor.get(cell.actor) ?? [], cell])
  }
  for (const [actor, list] of byActor) {
    const results = await pushAll(sessions[ACTORS[actor as ActorName].username]!, list.map(c => prepared.get(c)!.mutation), false)
    list.forEach((cell, i) => { prepared.get(cell)!.result = results[i] })
  }
}, 120_000)
afterAll(() => server.close())

const label = (c: Cell) => [c.actor, c.op, `${c.state} (${c.kind})`, c.where, c.expect] as const

describe('role × action × state × centre × took-it-in, on the central system', () => {
  it('covers every combination that can occur', () => {
    // 6 actors; ORD's own (taken in or not) and another centre's case (admins take nothing in);
    // 8 states of an approval item, 6 of a plain one; 10 operations.
    expect(cells.length).toBe((5 * 3 + 2) * (8 + 6) * 10)
  })

  it.each(cells.map(c => [...label(c), c] as const))('%s: %s on a %s case (%s) → %s', (_a, _o, _s, _w, _e, cell) => {
    const { caseId, version, row, mutation, result } = prepared.get(cell)!
    const after = caseRow(caseId)!
    const audited = server.sql.prepare('select count(*) as n from audit_log where mutation_id = ?').get(mutation.id) as { n: number }
    if (cell.expect === 'applied') {
      expect(result).toMatchObject({ status: 'applied', version: version + 1 })
      expect(after.version).toBe(version + 1)
      const op = cell.op
      expect(after.status).toBe(op === 'edit' || op === 'settle' ? cell.state : NEXT[op])
      expect(audited.n).toBe(1)
    }
    else {
      const [code, reason] = cell.expect.split(':')
      expect(result).toMatchObject({ status: 'rejected', code, reason })
      // Nothing of a refused change reaches the case, its history or the audit trail.
      expect(after).toEqual(row)
      expect(audited.n).toBe(0)
    }
  })
})
