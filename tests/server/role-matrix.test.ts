import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mutation, PushResult } from '../../src/domain/protocol'
import type { ServiceItem } from '../../src/domain/service-item'
import {
  type Session, type TestServer, catalogue, createCase, login, pull, push, startServer, transitionCase, updateCase,
} from './helpers'

/**
 * Roles and centres are enforced by the central system on every change, whatever the device
 * shows: each role × each operation × own / other centre, over real HTTP against the real server.
 */
let server: TestServer
const sessions: Record<string, Session> = {}
let item: ServiceItem
const USERS = ['ord-clerk1', 'ord-clerk2', 'ord-outreach', 'ord-super', 'lzx-clerk1', 'lzx-super', 'admin'] as const

beforeAll(async () => {
  server = await startServer()
  for (const username of USERS) sessions[username] = await login(server, username)
  // 残疾人证办理: a person's application that needs a supervisor's approval.
  item = (await catalogue(server, sessions['ord-clerk1']!)).find(i => i.code === 'SI-015')!
  expect(item.needsApproval).toBe(true)
})
afterAll(() => server.close())

async function pushOne(session: Session, m: Mutation): Promise<PushResult> {
  const answer = await push(server, session, [m])
  expect(answer.status).toBe(200)
  return answer.body.results[0]!
}

/** A case of `centre` taken in by its first clerk, brought to `status` by that clerk. */
async function caseIn(centre: 'ord' | 'lzx', status: 'received' | 'pending_approval'): Promise<string> {
  const clerk = sessions[`${centre}-clerk1`]!
  const items = centre === 'ord' ? item : (await catalogue(server, clerk)).find(i => i.code === 'SI-015')!
  const create = createCase(clerk, items)
  const steps = [create, ...(status === 'pending_approval' ? [transitionCase(clerk, create.entityId, 'submitForApproval')] : [])]
  const answer = await push(server, clerk, steps)
  expect(answer.body.results.map(r => r.status)).toEqual(steps.map(() => 'applied'))
  return create.entityId
}

type Op = 'create' | 'update' | 'start' | 'approve'
const ROLES = { clerk: 'ord-clerk2', outreach: 'ord-outreach', supervisor: 'ord-super', admin: 'admin' } as const
type Expected = 'applied' | `FORBIDDEN:${string}`

/** What the central system must answer; "own" means the ORD centre, where all four actors work. */
const EXPECTED: Record<keyof typeof ROLES, Record<Op, { own: Expected, other: Expected }>> = {
  clerk: {
    create: { own: 'applied', other: 'applied' },
    update: { own: 'applied', other: 'FORBIDDEN:reject.otherCenter' },
    start: { own: 'applied', other: 'FORBIDDEN:reject.otherCenter' },
    approve: { own: 'FORBIDDEN:reject.role', other: 'FORBIDDEN:reject.otherCenter' },
  },
  outreach: {
    create: { own: 'applied', other: 'applied' },
    update: { own: 'applied', other: 'FORBIDDEN:reject.otherCenter' },
    start: { own: 'applied', other: 'FORBIDDEN:reject.otherCenter' },
    approve: { own: 'FORBIDDEN:reject.role', other: 'FORBIDDEN:reject.otherCenter' },
  },
  supervisor: {
    create: { own: 'applied', other: 'applied' },
    update: { own: 'applied', other: 'FORBIDDEN:reject.otherCenter' },
    start: { own: 'applied', other: 'FORBIDDEN:reject.otherCenter' },
    approve: { own: 'applied', other: 'FORBIDDEN:reject.otherCenter' },
  },
  // Admins look after accounts and catalogues; they read every centre but take in no cases.
  admin: {
    create: { own: 'FORBIDDEN:reject.role', other: 'FORBIDDEN:reject.role' },
    update: { own: 'FORBIDDEN:reject.role', other: 'FORBIDDEN:reject.role' },
    start: { own: 'FORBIDDEN:reject.role', other: 'FORBIDDEN:reject.role' },
    approve: { own: 'FORBIDDEN:reject.role', other: 'FORBIDDEN:reject.role' },
  },
}

const cases = Object.entries(EXPECTED).flatMap(([role, ops]) => Object.entries(ops).flatMap(([op, where]) =>
  (['own', 'other'] as const).map(centre => [role as keyof typeof ROLES, op as Op, centre, where[centre]] as const)))

describe('role × operation × centre, enforced by the central system', () => {
  it.each(cases)('%s %s on the %s centre → %s', async (role, op, centre, expected) => {
    const session = sessions[ROLES[role]]!
    const target = centre === 'own' ? 'ord' : 'lzx'
    let m: Mutation
    if (op === 'create') {
      // A create always lands in the actor's own centre: "other" cannot be asked for, the case number aside.
      m = createCase(session, item)
    }
    else {
      const id = await caseIn(target, op === 'approve' ? 'pending_approval' : 'received')
      m = op === 'update'
        ? updateCase(session, id, { notes: '补充说明' }, { baseVersion: 1 })
        : transitionCase(session, id, op === 'start' ? 'start' : 'approve', { baseVersion: op === 'approve' ? 2 : 1 })
    }
    const result = await pushOne(session, m)
    if (expected === 'applied') {
      expect(result.status).toBe('applied')
      if (op === 'create') expect(server.sql.prepare('select center_id from cases where id = ?').get(m.entityId)).toEqual({ center_id: session.user.centerId })
    }
    else {
      const [code, reason] = expected.split(':')
      expect(result).toMatchObject({ status: 'rejected', code, reason })
      // Nothing of a refused change reaches the case.
      const row = server.sql.prepare('select version from cases where id = ?').get(m.entityId) as { version: number } | undefined
      expect(row?.version ?? 0).toBe(op === 'create' ? 0 : op === 'approve' ? 2 : 1)
    }
  })

  it('refuses self-approval: a supervisor cannot approve a case they took in', async () => {
    const sup = sessions['ord-super']!
    const create = createCase(sup, item)
    const answer = await push(server, sup, [create, transitionCase(sup, create.entityId, 'submitForApproval'),
      transitionCase(sup, create.entityId, 'approve', { baseVersion: 2 })])
    expect(answer.body.results.map(r => r.status)).toEqual(['applied', 'applied', 'rejected'])
    expect(answer.body.results[2]).toMatchObject({ code: 'FORBIDDEN', reason: 'reject.ownCase' })
    expect(server.sql.prepare('select status from cases where id = ?').get(create.entityId)).toEqual({ status: 'pending_approval' })
  })

  it('pulls only the own centre’s cases; an admin reads every centre', async () => {
    const ordCase = await caseIn('ord', 'received')
    const lzxCase = await caseIn('lzx', 'received')
    const ids = async (username: string) => {
      const seen = new Set<string>()
      let cursor = ''
      for (;;) {
        const page = await pull(server, sessions[username]!, `?limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
        expect(page.status).toBe(200)
        for (const c of page.body.changes) if (c.entity === 'case') seen.add(c.id)
        if (!page.body.hasMore) return seen
        cursor = page.body.cursor
      }
    }
    const ord = await ids('ord-clerk1')
    expect(ord.has(ordCase)).toBe(true)
    expect(ord.has(lzxCase)).toBe(false)
    const lzx = await ids('lzx-super')
    expect(lzx.has(lzxCase)).toBe(true)
    expect(lzx.has(ordCase)).toBe(false)
    const all = await ids('admin')
    expect(all.has(ordCase) && all.has(lzxCase)).toBe(true)
  })
})
