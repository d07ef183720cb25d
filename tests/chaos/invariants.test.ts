import { describe, expect, it } from 'vitest'
import type { OutboxEntry } from '../../src/db/database'
import type { CaseRecord } from '../../src/domain'
import { type DeviceFinal, checkInvariants } from './invariants'
import type { KilledBatch } from './kill-audit'
import { ProxyStats } from './proxy-stats'
import type { LogRow, ServerState } from './server-state'

/** The invariant checks themselves, on hand-made end states: each must catch its own violation. */
const row = (id: string, entity: string, op: string, status = 'applied'): LogRow =>
  ({ id, device_id: 'dev-a', actor_id: 'u', entity_id: entity, op, base_version: 0, status, result: '{}' })
const record = (id: string, version: number, history: string[]) =>
  ({ id, centerId: 'c1', version, phone: '13800138000', history: history.map(mutationId => ({ mutationId })) }) as unknown as CaseRecord

function world() {
  const log = [row('m1', 'case1', 'case.create'), row('m2', 'case1', 'case.update'), row('m3', 'case1', 'case.update', 'conflict')]
  const server: ServerState = {
    log: new Map(log.map(r => [r.id, r])),
    appliedByEntity: new Map([['case1', log.slice(0, 2)]]),
    cases: new Map([['case1', { id: 'case1', centerId: 'c1', version: 2, data: record('case1', 2, ['m1', 'm2']) }]]),
  }
  const conflict = { id: 'm3', entityId: 'case1', state: 'conflict', mutation: { op: 'case.update' } } as OutboxEntry
  const device: DeviceFinal = {
    name: 'a', deviceId: 'dev-a', centerId: 'c1', settled: [], outbox: [conflict], cases: [record('case1', 2, ['m1', 'm2'])],
    made: ['m1', 'm2', 'm3'].map((id, i) => ({ id, device: 'a', op: i ? 'case.update' : 'case.create', entityId: 'case1' })),
  }
  return { server, device, stats: new ProxyStats(), kills: [] as KilledBatch[] }
}

const failing = (w: ReturnType<typeof world>) =>
  checkInvariants([w.device], w.server, w.stats, w.kills).filter(r => !r.pass).map(r => r.name)

describe('chaos invariants', () => {
  it('pass on a consistent end state', () => expect(failing(world())).toEqual([]))

  it('catch a mutation the server never got', () => {
    const w = world()
    w.device.made.push({ id: 'm4', device: 'a', op: 'case.update', entityId: 'case1' })
    expect(failing(w)).toEqual(['every mutation applied once or shown to its author'])
  })

  it('catch an effect applied twice (a replay under a new id)', () => {
    const w = world()
    const replay = row('m9', 'case1', 'case.update')
    w.server.log.set('m9', replay)
    w.server.appliedByEntity.get('case1')!.push(replay)
    w.server.cases.get('case1')!.version = 3
    expect(failing(w)).toContain('no mutation took effect twice')
  })

  it('catch a change left pending, a device that differs, a 5xx and a half-applied batch', () => {
    const w = world()
    w.device.made.push({ id: 'm5', device: 'a', op: 'case.update', entityId: 'case1' })
    w.device.outbox.push({ id: 'm5', entityId: 'case1', state: 'pending', mutation: { op: 'case.update' } } as OutboxEntry)
    w.device.cases = [{ ...record('case1', 2, ['m1', 'm2']), phone: '13900139000' }]
    w.stats.serverErrors.push({ method: 'POST', url: '/api/sync/push', status: 500, duringKill: false, body: '' })
    w.kills.push({ mutations: [{ id: 'm2', entityId: 'case1' }, { id: 'm6', entityId: 'case2' }], before: {}, after: { m2: 'applied' } })
    w.server.log.set('m6', { ...row('m6', 'case2', 'case.update', 'rejected'), device_id: 'dev-b' })
    expect(failing(w)).toEqual([
      'every mutation applied once or shown to its author', 'no pending change left', 'devices hold the server state',
      'server never answered 5xx (outside a kill)', 'a batch cut by a kill is all or nothing',
    ])
  })
})
