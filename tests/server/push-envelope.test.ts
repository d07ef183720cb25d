import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mutation } from '../../src/domain/protocol'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, countRows, createCase, login, push, request, serverWithClerk } from './helpers'

let server: TestServer
let clerk: Session
let item: ServiceItem

beforeAll(async () => ({ server, clerk, item } = await serverWithClerk()))
afterAll(() => server.close())

const nothingApplied = (entityId: string) => {
  expect(countRows(server, 'cases', 'id = ?', entityId)).toBe(0)
  expect(countRows(server, 'mutations', 'entity_id = ?', entityId)).toBe(0)
}
const pushWith = (token: string | undefined, body: unknown) => request(server, 'POST', '/api/sync/push', { token, json: body })

describe('push refuses bad envelopes whole and applies nothing', () => {
  it('answers 401 without a live session', async () => {
    const m = createCase(clerk, item)
    const body = { deviceId: clerk.deviceId, mutations: [m] }
    for (const token of [undefined, 'x'.repeat(43)]) {
      const answer = await pushWith(token, body)
      expect(answer.status).toBe(401)
      expect(answer.body).toMatchObject({ error: 'UNAUTHORIZED' })
    }
    const other = await login(server, 'ord-clerk2', 'tablet-logout')
    expect((await request(server, 'POST', '/api/auth/logout', { token: other.token })).status).toBe(204)
    expect((await pushWith(other.token, body)).status).toBe(401)

    const expiring = await login(server, 'ord-clerk1', 'tablet-expired')
    const tokenHash = createHash('sha256').update(expiring.token).digest('hex')
    server.sql.prepare('update sessions set expires_at = ? where token_hash = ?').run('2000-01-01T00:00:00.000Z', tokenHash)
    expect((await pushWith(expiring.token, body)).status).toBe(401)
    nothingApplied(m.entityId)
  })

  it('answers 400 for a malformed body, naming the problem', async () => {
    const good = createCase(clerk, item)
    const withoutId: Partial<Mutation> = createCase(clerk, item)
    delete withoutId.id
    const cases: [unknown, RegExp][] = [
      [{ deviceId: clerk.deviceId }, /mutations/],
      [{ deviceId: clerk.deviceId, mutations: [good, withoutId] }, /mutations\[1\]\.id/],
      [{ deviceId: clerk.deviceId, mutations: [good, { ...good, id: 'not-a-uuid' }] }, /mutations\[1\]\.id/],
      [{ deviceId: 'another-device', mutations: [good] }, /mutations\[0\]\.deviceId/],
      [[good], /body/],
    ]
    for (const [body, message] of cases) {
      const answer = await pushWith(clerk.token, body)
      expect(answer.status, JSON.stringify(answer.body)).toBe(400)
      expect(answer.body).toMatchObject({ error: 'BAD_REQUEST', message: expect.stringMatching(message) })
    }
    const notJson = await request(server, 'POST', '/api/sync/push', { token: clerk.token, raw: '{"deviceId": "d", "mutations": [' })
    expect(notJson.status).toBe(400)
    expect(notJson.body).toEqual({ error: 'BAD_REQUEST', message: 'Request body is not valid JSON' })
    nothingApplied(good.entityId)
  })

  it('answers 413 for more than 500 mutations or more than 1 MiB', async () => {
    const many = Array.from({ length: 501 }, () => createCase(clerk, item))
    const tooMany = await push(server, clerk, many)
    expect(tooMany.status).toBe(413)
    expect(tooMany.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('500') })
    nothingApplied(many[0]!.entityId)

    const big = createCase(clerk, item, { notes: 'x'.repeat(1024 * 1024) })
    const tooBig = await push(server, clerk, [big])
    expect(tooBig.status).toBe(413)
    expect(tooBig.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' })
    nothingApplied(big.entityId)
  })

  it('marks API answers no-store', async () => {
    const answer = await pushWith(undefined, {})
    expect(answer.headers.get('cache-control')).toBe('no-store')
  })
})
