import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, countRows, createCase, currentSeq, push, transitionCase, updateCase, serverWithClerk } from './helpers'

let server: TestServer
let clerk: Session
let item: ServiceItem

beforeAll(async () => ({ server, clerk, item } = await serverWithClerk()))
afterAll(() => server.close())

describe('push is exactly-once', () => {
  it('applies each mutation once when the same batch is pushed twice', async () => {
    const create = createCase(clerk, item)
    const batch = [
      create,
      updateCase(clerk, create.entityId, { notes: '补充说明' }),
      transitionCase(clerk, create.entityId, 'start'),
    ]
    const first = await push(server, clerk, batch)
    expect(first.status).toBe(200)
    expect(first.body.results).toEqual([
      { id: batch[0]!.id, status: 'applied', version: 1 },
      { id: batch[1]!.id, status: 'applied', version: 2 },
      { id: batch[2]!.id, status: 'applied', version: 3 },
    ])
    const seqAfterFirst = currentSeq(server)
    const row = () => server.sql.prepare('select version, data from cases where id = ?').get(create.entityId) as { version: number, data: string }
    const before = row()

    const second = await push(server, clerk, batch)
    expect(second.status).toBe(200)
    expect(second.body.results).toEqual(first.body.results.map(r => ({ ...r, status: 'duplicate' })))
    expect(row()).toEqual(before)
    expect(JSON.parse(before.data).history).toHaveLength(3)
    expect(currentSeq(server)).toBe(seqAfterFirst)
    expect(countRows(server, 'cases', 'id = ?', create.entityId)).toBe(1)
    for (const m of batch) expect(countRows(server, 'mutations', 'id = ? and status = ?', m.id, 'applied')).toBe(1)
  })

  it('answers a repeated id inside one batch as a duplicate', async () => {
    const create = createCase(clerk, item)
    const answer = await push(server, clerk, [create, create])
    expect(answer.body.results.map(r => r.status)).toEqual(['applied', 'duplicate'])
  })

  it('applies a create and an update made offline on one device, both with baseVersion 0', async () => {
    const create = createCase(clerk, item)
    const update = updateCase(clerk, create.entityId, { phone: '13900001111' }, { baseVersion: 0 })
    const again = updateCase(clerk, create.entityId, { phone: '13900002222', notes: '再次修改' }, { baseVersion: 0 })
    const answer = await push(server, clerk, [create, update, again])
    expect(answer.body.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied'])
    const data = JSON.parse((server.sql.prepare('select data from cases where id = ?').get(create.entityId) as { data: string }).data)
    expect(data).toMatchObject({ phone: '13900002222', notes: '再次修改', version: 3 })
  })
})
