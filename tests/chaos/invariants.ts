import type { OutboxEntry } from '../../src/db/database'
import type { CaseRecord } from '../../src/domain'
import { brief, caseDiff, sameCase } from './case-diff'
import { type KilledBatch, committed, halfApplied } from './kill-audit'
import type { ProxyStats } from './proxy-stats'
import type { ServerState } from './server-state'
import type { MadeMutation, SettledChange } from './simulated-device'

/** A device's state after the quiet phase, as the invariants need it. */
export interface DeviceFinal {
  name: string
  deviceId: string
  /** null: an admin's device, which sees every centre. */
  centerId: string | null
  made: MadeMutation[]
  settled: SettledChange[]
  outbox: OutboxEntry[]
  cases: CaseRecord[]
}

export interface InvariantResult { name: string, pass: boolean, summary: string, failures: string[] }

const result = (name: string, summary: string, failures: string[]): InvariantResult =>
  ({ name, pass: failures.length === 0, summary, failures })

// Answers the server gives without logging, by design (they say something about the session, not the change).
const UNLOGGED_REASONS = ['reject.actorMismatch', 'reject.mutationIdReused']

/** 1a. Every mutation a device made is applied on the server, or was shown to its author as conflict/rejected. */
export function everyMutationAccounted(devices: DeviceFinal[], server: ServerState): InvariantResult {
  const failures: string[] = []
  let applied = 0
  let shown = 0
  for (const d of devices) {
    const outbox = new Map(d.outbox.map(e => [e.id, e]))
    const settled = new Map(d.settled.map(s => [s.entry.id, s.entry]))
    for (const m of d.made) {
      const row = server.log.get(m.id)
      const held = outbox.get(m.id)
      const answered = held && held.state !== 'pending' ? held : settled.get(m.id)
      const where = `${m.id} (${m.op} of case ${m.entityId} by ${m.device})\n      server log: ${brief(row)}\n      outbox: ${brief(held ?? settled.get(m.id))}`
      if (held?.state === 'pending') failures.push(`NOT ANSWERED: still pending ${where}`)
      else if (answered) {
        shown++
        if (row?.status === 'applied') failures.push(`SHOWN AS ${answered.state} BUT APPLIED: ${where}`)
        else if (row ? row.status !== answered.state : !UNLOGGED_REASONS.includes(answered.result?.status === 'rejected' ? answered.result.reason : ''))
          failures.push(`DEVICE AND SERVER LOG DISAGREE: ${where}`)
      }
      else if (row?.status === 'applied') applied++
      else failures.push(`${row ? 'DROPPED BY DEVICE, NOT APPLIED' : 'MISSING ON SERVER'}: ${where}`)
    }
  }
  return result('every mutation applied once or shown to its author', `${applied} applied, ${shown} shown as conflict/rejected`, failures)
}

/** 1b. No mutation took effect twice: versions count applied log rows; history and creates match the log. */
export function noMutationTwice(devices: DeviceFinal[], server: ServerState): InvariantResult {
  const failures: string[] = []
  for (const c of server.cases.values()) {
    const applied = server.appliedByEntity.get(c.id) ?? []
    if (c.version !== applied.length || c.data.version !== c.version)
      failures.push(`case ${c.id}: version ${c.version} (data ${c.data.version}) but ${applied.length} applied mutations in the log`)
    const creates = applied.filter(row => row.op === 'case.create')
    if (creates.length !== 1 || applied[0]?.op !== 'case.create') failures.push(`case ${c.id}: ${creates.length} applied creates, first applied ${applied[0]?.op}`)
    const history = c.data.history.map(h => h.mutationId)
    const appliedIds = new Set(applied.map(row => row.id))
    if (new Set(history).size !== history.length) failures.push(`case ${c.id}: a mutation appears twice in its history ${brief(history)}`)
    for (const id of history) if (!appliedIds.has(id)) failures.push(`case ${c.id}: history names ${id}, not applied to it in the log`)
  }
  for (const [entity, rows] of server.appliedByEntity) {
    if (!server.cases.has(entity)) failures.push(`${rows.length} applied mutations for case ${entity}, which the server does not have`)
  }
  // Every logged mutation of a simulated device is one the device made (nothing invented or replayed under a new id).
  const made = new Set(devices.flatMap(d => d.made.map(m => m.id)))
  const ours = new Set(devices.map(d => d.deviceId))
  for (const row of server.log.values()) {
    if (ours.has(row.device_id) && !made.has(row.id)) failures.push(`log has ${row.status} ${row.op} ${row.id} from ${row.device_id} that no device made: ${brief(row)}`)
  }
  return result('no mutation took effect twice', `${server.cases.size} cases: version = applied mutations, history and creates match the log`, failures)
}

/** 2. Nothing left waiting. */
export function noPendingLeft(devices: DeviceFinal[]): InvariantResult {
  const failures = devices.flatMap(d => d.outbox.filter(e => e.state === 'pending')
    .map(e => `${d.name}: pending ${e.id} ${e.mutation.op} of case ${e.entityId}`))
  const answered = devices.reduce((n, d) => n + d.outbox.length, 0)
  return result('no pending change left', `${answered} answered conflicts/rejections left unsettled on devices`, failures)
}

/** 3. Every device shows exactly the server's state of every case of its centre, and nothing else. */
export function devicesConverged(devices: DeviceFinal[], server: ServerState): InvariantResult {
  const failures: string[] = []
  let compared = 0
  let withAnswered = 0
  for (const d of devices) {
    const mine = new Map(d.cases.map(c => [c.id, c]))
    const answered = new Set(d.outbox.map(e => e.entityId))
    for (const c of server.cases.values()) {
      if (d.centerId && c.centerId !== d.centerId) continue
      compared++
      if (answered.has(c.id)) withAnswered++
      if (!sameCase(mine.get(c.id), c.data))
        failures.push(`${d.name} case ${c.id}${answered.has(c.id) ? ' (has an unsettled conflict/rejection)' : ''}:\n      ${caseDiff(mine.get(c.id), c.data)}`)
    }
    for (const c of d.cases) {
      const there = server.cases.get(c.id)
      if (!there || (d.centerId && there.centerId !== d.centerId)) failures.push(`${d.name} holds case ${c.id} (${c.caseNo}) the server does not have for its centre`)
    }
  }
  return result('devices hold the server state', `${compared} device×case comparisons (${withAnswered} with an unsettled conflict/rejection)`, failures)
}

/** 4. The server never answered 5xx, except for requests in flight when it was killed. */
export function noServerErrors(stats: ProxyStats): InvariantResult {
  const failures = stats.serverErrors.filter(e => !e.duringKill).map(e => `${e.status} ${e.method} ${e.url}: ${e.body}`)
  return result('server never answered 5xx (outside a kill)', `statuses ${brief(stats.serverStatuses)}`, failures)
}

/** 5. A batch the server was killed under is applied whole or not at all (protocol rule 4). */
export function killedBatchesAtomic(batches: KilledBatch[], server: ServerState): InvariantResult {
  const after = batches.filter(committed).length
  return result('a batch cut by a kill is all or nothing',
    `${batches.length} kills during a push of ${batches.map(b => b.mutations.length).join('/')} mutations: ${batches.length - after} before its commit, ${after} after`,
    halfApplied(batches, server.log))
}

export const checkInvariants = (devices: DeviceFinal[], server: ServerState, stats: ProxyStats, kills: KilledBatch[]): InvariantResult[] => [
  everyMutationAccounted(devices, server), noMutationTwice(devices, server), noPendingLeft(devices),
  devicesConverged(devices, server), noServerErrors(stats), killedBatchesAtomic(kills, server),
]
