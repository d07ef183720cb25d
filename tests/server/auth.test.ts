import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoginResponse } from '../../src/domain/protocol'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import { type TestServer, countRows, login, pull, request, startServer } from './helpers'

let server: TestServer
beforeAll(async () => { server = await startServer() })
afterAll(() => server.close())

const attempt = (username: string, password: string, deviceId = 'tablet-1') =>
  request<LoginResponse & { error?: string, message?: string }>(server, 'POST', '/api/auth/login', { json: { username, password, deviceId } })

describe('sign-in', () => {
  it('returns a token, its expiry, the user and the centre; stores only the token\'s hash', async () => {
    const answer = await attempt('ORD-Clerk1', DEMO_PASSWORD)
    expect(answer.status).toBe(200)
    const { token, expiresAt, user, center } = answer.body
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3600_000)
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(12 * 3600_000)
    expect(user).toMatchObject({ username: 'ord-clerk1', name: '张敏', role: 'clerk', centerId: center.id })
    expect(center).toMatchObject({ code: 'ORD', name: '鄂尔多斯市政务服务中心', nameEn: 'Ordos Government Service Center' })
    expect(countRows(server, 'sessions', 'token_hash = ?', token)).toBe(0)
    expect(countRows(server, 'sessions', 'token_hash = ?', createHash('sha256').update(token).digest('hex'))).toBe(1)
    const hash = (server.sql.prepare('select password_hash from users where username = ?').get('ord-clerk1') as { password_hash: string }).password_hash
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{86}$/)
  })

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await attempt('lzx-clerk1', 'not-the-password')
    const unknown = await attempt('nobody-here', 'whatever')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body).toEqual({ error: 'UNAUTHORIZED', message: 'Wrong username or password' })
  })

  it('answers 400 naming the missing field', async () => {
    const answer = await request(server, 'POST', '/api/auth/login', { json: { username: 'ord-clerk1', password: 'x' } })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ error: 'BAD_REQUEST', message: 'deviceId: is required' })
  })

  it('rate-limits the 6th failure in a row with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('hns-clerk2', `wrong-${i}`)).status).toBe(401)
    const limited = await attempt('hns-clerk2', 'wrong-again')
    expect(limited.status).toBe(429)
    expect(limited.body.error).toBe('TOO_MANY_REQUESTS')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800)
    expect((await attempt('hns-clerk2', DEMO_PASSWORD)).status).toBe(429)
    expect((await attempt('hns-clerk1', DEMO_PASSWORD)).status).toBe(200)
  })

  it('forgets earlier failures after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('jcs-clerk2', 'wrong')).status).toBe(401)
    expect((await attempt('jcs-clerk2', DEMO_PASSWORD)).status).toBe(200)
    for (let i = 0; i < 5; i++) expect((await attempt('jcs-clerk2', 'wrong')).status).toBe(401)
    expect((await attempt('jcs-clerk2', 'wrong')).status).toBe(429)
  })

  it('signs out: the token stops working at once', async () => {
    const session = await login(server, 'ord-super')
    expect((await pull(server, session, '?limit=1')).status).toBe(200)
    const out = await request(server, 'POST', '/api/auth/logout', { token: session.token })
    expect(out.status).toBe(204)
    expect((await pull(server, session, '?limit=1')).status).toBe(401)
    expect((await request(server, 'POST', '/api/auth/logout', { token: session.token })).status).toBe(401)
  })
})
