import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH } from '../../src/domain/protocol'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, countRows, createCase, login, push, request, serverWithClerk, transitionCase, updateCase } from './helpers'

/** The push trusts nothing it can check (issue #12): device binding, depth and size, strict payloads, versions, case numbers. */
let server: TestServer
let clerk: Session
let item: ServiceItem

beforeAll(async () => ({ server, clerk, item } = await serverWithClerk()))
afterAll(() => server.close())

const auditRows = () => countRows(server, 'audit_log')

describe('a session pushes only under the device it signed in on', () => {
  it('refuses a batch under another device id whole: 403, nothing applied or logged', async () => {
    const other = await login(server, 'ord-clerk1', 'tablet-other')
    const m = createCase(clerk, item, {})
    const spoofed = { ...m, deviceId: other.deviceId }
    const before = auditRows()
    const answer = await push(server, clerk, [spoofed], other.deviceId)
    expect(answer.status).toBe(403)
    expect(answer.body).toEqual({
      error: 'FORBIDDEN',
      message: `deviceId: this session signed in on device "${clerk.deviceId}"; a push may only carry that device's changes`,
    })
    expect(countRows(server, 'mutations', 'id = ?', m.id)).toBe(0)
    expect(countRows(server, 'cases', 'id = ?', m.entityId)).toBe(0)
    expect(auditRows()).toBe(before)
    // The same change under its own device goes through.
    expect((await push(server, clerk, [m])).body.results[0]!.status).toBe('applied')
  })
})

const rawPush = (body: string) => request(server, 'POST', '/api/sync/push', { token: clerk.token, raw: body })

describe('depth, size and strict payloads', () => {
  it('refuses a 6,000-deep body with 400 on every try, and applies nothing', async () => {
    const m = createCase(clerk, item)
    const deep = '['.repeat(6000) + ']'.repeat(6000)
    const body = JSON.stringify({ deviceId: clerk.deviceId, mutations: [{ ...m, payload: { ...m.payload, notes: '@DEEP@' } }] })
      .replace('"@DEEP@"', deep)
    for (let i = 0; i < 2; i++) {
      const answer = await rawPush(body)
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({ error: 'BAD_REQUEST', message: `Request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` })
    }
    expect(countRows(server, 'mutations', 'id = ?', m.id)).toBe(0)
  })

  it('counts brackets inside strings as text, not nesting', async () => {
    const m = createCase(clerk, item, { notes: '[{'.repeat(100) })
    expect((await push(server, clerk, [m])).body.results[0]!.status).toBe('applied')
  })

  it('rejects one mutation whose payload is over 16 KB, logs it without the payload, and applies the rest', async () => {
    const big = createCase(clerk, item, { notes: '材'.repeat(6000) }) // 18 KB of UTF-8
    const fine = createCase(clerk, item)
    const answer = await push(server, clerk, [big, fine])
    expect(answer.status).toBe(200)
    expect(answer.body.results.map(r => r.status)).toEqual(['rejected', 'applied'])
    expect(answer.body.results[0]).toMatchObject({ code: 'INVALID', reason: 'reject.payloadTooLarge', message: 'The change\'s payload is larger than 16 KB of UTF-8 JSON.' })
    const row = server.sql.prepare('select * from mutations where id = ?').get(big.id) as Record<string, unknown>
    expect(row).not.toHaveProperty('payload')
    expect(JSON.stringify(row)).not.toContain('材')
    // Replayed, it gets its stored answer.
    expect((await push(server, clerk, [big])).body.results[0]).toMatchObject({ reason: 'reject.payloadTooLarge' })
  })

  it('keeps rejected payloads out of the log: 20 rejected intakes of 15 KB store under 10 KB', async () => {
    const before = (server.sql.prepare('select coalesce(sum(length(result)), 0) as n from mutations').get() as { n: number }).n
    const rejects = Array.from({ length: 20 }, () => createCase(clerk, item, { notes: 'x'.repeat(15_000) }))
    const answer = await push(server, clerk, rejects)
    expect(answer.body.results.every(r => r.status === 'rejected' && r.reason === 'field.tooLong')).toBe(true)
    const after = (server.sql.prepare('select coalesce(sum(length(result)), 0) as n from mutations').get() as { n: number }).n
    expect(after - before).toBeLessThan(10_000)
  })

  it('refuses unknown keys in every op\'s payload, naming the key', async () => {
    const create = createCase(clerk, item, { isAdmin: true })
    const answer = await push(server, clerk, [create])
    expect(answer.body.results[0]).toMatchObject({
      status: 'rejected', code: 'INVALID', reason: 'reject.unknownField', field: 'isAdmin',
      message: 'isAdmin: This key is not part of the operation\'s payload.',
    })
    expect(countRows(server, 'cases', 'id = ?', create.entityId)).toBe(0)

    const stored = createCase(clerk, item)
    await push(server, clerk, [stored])
    const update = updateCase(clerk, stored.entityId, { notes: 'ok' }, { baseVersion: 1 })
    const transition = transitionCase(clerk, stored.entityId, 'start', { baseVersion: 1 })
    const updateAnswer = await push(server, clerk, [{ ...update, payload: { ...update.payload, extra: 1 } }])
    expect(updateAnswer.body.results[0]).toMatchObject({ status: 'rejected', reason: 'reject.unknownField', field: 'extra' })
    const transitionAnswer = await push(server, clerk, [{ ...transition, payload: { ...transition.payload, status: 'completed' } }])
    expect(transitionAnswer.body.results[0]).toMatchObject({ status: 'rejected', reason: 'reject.unknownField', field: 'status' })
    const unknownField = await push(server, clerk, [updateCase(clerk, stored.entityId, { status: 'completed' }, { baseVersion: 1 })])
    expect(unknownField.body.results[0]).toMatchObject({ status: 'rejected', reason: 'reject.fieldNotEditable', field: 'status' })
  })
})
