import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushResult } from '../../src/domain/protocol'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, catalogue, countRows, createCase, creditCode, login, push, startServer, transitionCase, updateCase } from './helpers'

let server: TestServer
let clerk: Session
let otherCentre: Session
let items: ServiceItem[]
const byCode = (code: string) => items.find(i => i.code === code)!

beforeAll(async () => {
  server = await startServer()
  clerk = await login(server, 'ord-clerk1')
  otherCentre = await login(server, 'lzx-clerk1')
  items = await catalogue(server, clerk)
})
afterAll(() => server.close())

const logged = (id: string) => countRows(server, 'mutations', 'id = ?', id)

describe('rejections', () => {
  it('rejects illegal transitions and keeps processing the rest of the batch', async () => {
    const plain = createCase(clerk, byCode('SI-001'))
    const blasting = createCase(clerk, byCode('SI-006'), { applicantType: 'enterprise', idNumber: creditCode('91150600MA0N7XQ21'), contactName: '王经办' })
    const other = createCase(clerk, byCode('SI-001'))
    const answer = await push(server, clerk, [
      plain,
      transitionCase(clerk, plain.entityId, 'complete', { baseVersion: 1 }),
      blasting,
      transitionCase(clerk, blasting.entityId, 'start', { baseVersion: 1 }),
      transitionCase(clerk, blasting.entityId, 'submitForApproval', { baseVersion: 2 }),
      transitionCase(clerk, blasting.entityId, 'approve', { baseVersion: 3 }),
      other,
    ])
    const results = answer.body.results
    expect(results.map(r => r.status)).toEqual(['applied', 'rejected', 'applied', 'applied', 'applied', 'rejected', 'applied'])
    expect(results[1]).toMatchObject({ code: 'ILLEGAL_TRANSITION', reason: 'transition.state' })
    expect(results[5]).toMatchObject({ code: 'FORBIDDEN', reason: 'reject.role' })
    expect((results[5] as { message: string }).message).toMatch(/role/)
    const status = (id: string) => (server.sql.prepare('select status from cases where id = ?').get(id) as { status: string }).status
    expect(status(plain.entityId)).toBe('received')
    expect(status(blasting.entityId)).toBe('pending_approval')
  })

  it('answers a later mutation on a rejected entity the same, unlogged, so it can be pushed again', async () => {
    const create = createCase(clerk, byCode('SI-001'))
    expect((await push(server, clerk, [create])).body.results[0]!.status).toBe('applied')
    const declineWithoutNote = transitionCase(clerk, create.entityId, 'decline', { baseVersion: 1 })
    const later = updateCase(clerk, create.entityId, { notes: '后续修改' }, { baseVersion: 1 })
    const unrelated = createCase(clerk, byCode('SI-001'))
    const answer = await push(server, clerk, [declineWithoutNote, later, unrelated])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID', reason: 'field.required', field: 'note' })
    expect(answer.body.results[1]).toMatchObject({ id: later.id, status: 'rejected', code: 'INVALID', reason: 'reject.earlierFailed', blockedBy: answer.body.results[0]!.id })
    expect(answer.body.results[2]!.status).toBe('applied')
    expect(logged(declineWithoutNote.id)).toBe(1)
    expect(logged(later.id)).toBe(0)
    expect((await push(server, clerk, [later])).body.results[0]).toEqual({ id: later.id, status: 'applied', version: 2 })
  })

  it('answers a later mutation after a conflict with the same conflict, unlogged', async () => {
    const create = createCase(clerk, byCode('SI-001'))
    await push(server, clerk, [create])
    const tabletB = await login(server, 'ord-clerk2', 'tablet-b2')
    await push(server, tabletB, [updateCase(tabletB, create.entityId, { phone: '13911112222' }, { baseVersion: 1 })])
    const stale = updateCase(clerk, create.entityId, { phone: '13700000000' }, { baseVersion: 1 })
    const next = updateCase(clerk, create.entityId, { notes: '之后的修改' }, { baseVersion: 1 })
    const [first, second] = (await push(server, clerk, [stale, next])).body.results as Extract<PushResult, { status: 'conflict' }>[]
    expect(first).toMatchObject({ status: 'conflict', fields: ['phone'] })
    expect(second).toEqual({ ...first, id: next.id, blockedBy: stale.id })
    expect(logged(stale.id)).toBe(1)
    expect(logged(next.id)).toBe(0)
  })

  it('rejects a change to another centre\'s case without revealing its data', async () => {
    const ordCase = createCase(clerk, byCode('SI-001'))
    await push(server, clerk, [ordCase, updateCase(clerk, ordCase.entityId, { phone: '13911112222' }, { baseVersion: 1 })])
    const intruding = updateCase(otherCentre, ordCase.entityId, { phone: '13800000000' }, { baseVersion: 0 })
    const own = createCase(otherCentre, byCode('SI-001'))
    const answer = await push(server, otherCentre, [intruding, own])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' })
    expect(JSON.stringify(answer.body)).not.toContain('13911112222')
    expect(answer.body.results[1]!.status).toBe('applied')
    const row = server.sql.prepare('select version from cases where id = ?').get(ordCase.entityId) as { version: number }
    expect(row.version).toBe(2)
  })

  it('rejects a resident ID with a wrong check character as INVALID on idNumber', async () => {
    const good = createCase(clerk, byCode('SI-001'))
    const id = good.payload.idNumber as string
    const wrongCheck = id.slice(0, 17) + (id[17] === '1' ? '2' : '1')
    const bad = createCase(clerk, byCode('SI-001'), { idNumber: wrongCheck })
    const answer = await push(server, clerk, [bad])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID', field: 'idNumber', reason: 'field.residentId.checksum' })
    expect(countRows(server, 'cases', 'id = ?', bad.entityId)).toBe(0)
  })

  it('rejects a mutation whose actor is not the signed-in user, without logging it', async () => {
    const create = createCase(clerk, byCode('SI-001'))
    // A colleague signed in on the same tablet pushes the clerk's change under their own token.
    const colleague = await login(server, 'ord-clerk2', clerk.deviceId)
    const answer = await push(server, colleague, [create])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN', reason: 'reject.actorMismatch' })
    expect(logged(create.id)).toBe(0)
    expect((await push(server, clerk, [create])).body.results[0]!.status).toBe('applied')
  })

  it('rejects a second case with a case number already taken', async () => {
    const first = createCase(clerk, byCode('SI-001'))
    const second = createCase(clerk, byCode('SI-001'), { caseNo: first.payload.caseNo })
    const answer = await push(server, clerk, [first, second])
    expect(answer.body.results[1]).toMatchObject({ status: 'rejected', code: 'DUPLICATE_ID', field: 'caseNo' })
  })
})
