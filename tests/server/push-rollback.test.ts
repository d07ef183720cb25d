import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, countRows, createCase, currentSeq, push, updateCase, serverWithClerk } from './helpers'

let server: TestServer
let clerk: Session
let item: ServiceItem

beforeAll(async () => ({ server, clerk, item } = await serverWithClerk()))
afterAll(() => server.close())

describe('a batch is all or nothing', () => {
  it('rolls the whole batch back and answers 500 when the database fails mid-batch', async () => {
    const existing = createCase(clerk, item)
    await push(server, clerk, [existing])
    // A trigger (made over a second connection to the same file) makes the database fail on the
    // third mutation, after two changes of the batch were already written.
    server.sql.exec(`create trigger fail_mid_batch before insert on cases when new.data like '%POISON%'
      begin select raise(abort, 'injected failure'); end`)
    const seqBefore = currentSeq(server)
    const first = createCase(clerk, item)
    const second = updateCase(clerk, existing.entityId, { notes: '会被回滚' }, { baseVersion: 1 })
    const poisoned = createCase(clerk, item, { notes: 'POISON' })
    const batch = [first, second, poisoned]

    const answer = await push(server, clerk, batch)
    expect(answer.status).toBe(500)
    expect(answer.body).toEqual({ error: 'INTERNAL', message: 'Internal server error' })
    expect(countRows(server, 'cases', 'id in (?, ?)', first.entityId, poisoned.entityId)).toBe(0)
    expect(countRows(server, 'mutations', 'id in (?, ?, ?)', ...batch.map(m => m.id))).toBe(0)
    expect((server.sql.prepare('select version from cases where id = ?').get(existing.entityId) as { version: number }).version).toBe(1)
    expect(currentSeq(server)).toBe(seqBefore)

    // Once the fault is gone the same batch applies in full.
    server.sql.exec('drop trigger fail_mid_batch')
    const retry = await push(server, clerk, batch)
    expect(retry.body.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied'])
  })
})
