import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../src/domain/case'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, catalogue, countRows, createCase, login, push, startServer, transitionCase, updateCase } from './helpers'

let server: TestServer
let tabletA: Session
let tabletB: Session
let item: ServiceItem

beforeAll(async () => {
  server = await startServer()
  tabletA = await login(server, 'ord-clerk1', 'tablet-a')
  tabletB = await login(server, 'ord-clerk2', 'tablet-b')
  item = (await catalogue(server, tabletA)).find(i => i.code === 'SI-001')!
})
afterAll(() => server.close())

const stored = (id: string) =>
  JSON.parse((server.sql.prepare('select data from cases where id = ?').get(id) as { data: string }).data) as CaseRecord

/** A case created by tablet A (version 1) that tablet B then changed at version 2. */
async function caseChangedByB(change: Record<string, unknown>) {
  const create = createCase(tabletA, item)
  expect((await push(server, tabletA, [create])).body.results[0]!.status).toBe('applied')
  const byB = updateCase(tabletB, create.entityId, change, { baseVersion: 1 })
  expect((await push(server, tabletB, [byB])).body.results[0]).toMatchObject({ status: 'applied', version: 2 })
  return create.entityId
}

describe('conflicts are per field', () => {
  it('answers conflict with the fields and the server case when another device changed the same field', async () => {
    const id = await caseChangedByB({ phone: '13911112222' })
    const stale = updateCase(tabletA, id, { phone: '13733334444' }, { baseVersion: 1 })
    const answer = await push(server, tabletA, [stale])
    expect(answer.body.results[0]).toMatchObject({ id: stale.id, status: 'conflict', fields: ['phone'] })
    const result = answer.body.results[0] as { current: CaseRecord }
    expect(result.current).toMatchObject({ id, phone: '13911112222', version: 2 })
    expect(stored(id)).toMatchObject({ phone: '13911112222', version: 2 })
    // The conflict is recorded: replaying the mutation answers the same and changes nothing.
    expect(countRows(server, 'mutations', 'id = ? and status = ?', stale.id, 'conflict')).toBe(1)
    expect((await push(server, tabletA, [stale])).body.results[0]).toEqual(answer.body.results[0])
  })

  it('merges a stale change to another field and counts it as applied', async () => {
    const id = await caseChangedByB({ phone: '13911112222' })
    const other = updateCase(tabletA, id, { notes: '申请人下午补材料' }, { baseVersion: 1 })
    const answer = await push(server, tabletA, [other])
    expect(answer.body.results[0]).toEqual({ id: other.id, status: 'applied', version: 3 })
    expect(stored(id)).toMatchObject({ phone: '13911112222', notes: '申请人下午补材料', version: 3 })
  })

  it('treats a status change by another device as a conflict for a stale transition', async () => {
    const id = await caseChangedByB({ notes: 'x' })
    expect((await push(server, tabletB, [transitionCase(tabletB, id, 'start', { baseVersion: 2 })])).body.results[0]!.status).toBe('applied')
    const stale = transitionCase(tabletA, id, 'withdraw', { baseVersion: 1 })
    const answer = await push(server, tabletA, [stale])
    expect(answer.body.results[0]).toMatchObject({ status: 'conflict', fields: ['status'] })
    expect(stored(id).status).toBe('in_progress')
  })

  it('never conflicts a device with its own earlier changes', async () => {
    const id = await caseChangedByB({ phone: '13911112222' })
    const first = updateCase(tabletB, id, { phone: '13955556666' }, { baseVersion: 1 })
    expect((await push(server, tabletB, [first])).body.results[0]!.status).toBe('applied')
    expect(stored(id).phone).toBe('13955556666')
  })
})
