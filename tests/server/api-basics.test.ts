import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knownReasons } from '../../server/sync/reasons'
import { REFUSAL_REASONS } from '../../src/domain'
import { type TestServer, request, startServer } from './helpers'

let server: TestServer
beforeAll(async () => { server = await startServer({ demo: false }) })
afterAll(() => server.close())

describe('API basics', () => {
  it('answers the health probe uncached', async () => {
    const answer = await request<{ ok: boolean, time: string }>(server, 'GET', '/api/health')
    expect(answer.status).toBe(200)
    expect(answer.body.ok).toBe(true)
    expect(Math.abs(Date.parse(answer.body.time) - Date.now())).toBeLessThan(60_000)
    expect(answer.headers.get('cache-control')).toBe('no-store')
  })

  it('answers unknown API routes and bad JSON in the one error shape', async () => {
    expect(await request(server, 'POST', '/api/sync/nothing')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } })
    const bad = await request(server, 'POST', '/api/auth/login', { raw: '{"username":' })
    expect(bad).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', message: 'Request body is not valid JSON' } })
    const wrongType = await request(server, 'POST', '/api/auth/login', { raw: 'username=a', headers: { 'content-type': 'text/plain' } })
    expect(wrongType).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', message: 'Content-Type must be application/json' } })
  })

  it('has an English message for every reason key src/domain can produce, and no stale ones', () => {
    // REFUSAL_REASONS is what the domain's `deny` accepts (a type check), so it is the real list.
    expect(REFUSAL_REASONS.filter(key => !knownReasons().includes(key))).toEqual([])
    // Everything else the server knows is a reason it decides itself (server/sync/apply-mutation.ts).
    expect(knownReasons().filter(key => !(REFUSAL_REASONS as readonly string[]).includes(key)).sort())
      .toEqual(['reject.baseVersionAhead', 'reject.caseNoTaken', 'reject.earlierFailed', 'reject.mutationIdReused', 'reject.payloadTooLarge'])
  })
})
