import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestServer, login, pull, request, startServer } from './helpers'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'

/**
 * Each device that signs in is known to the central system with a data key of its own (released
 * only to a sign-in); a revoked device and a disabled account are told so, not merely signed out.
 */
let server: TestServer
beforeAll(async () => { server = await startServer() })
afterAll(() => server.close())

const signIn = (username: string, deviceId: string) =>
  request<{ dataKey?: string, error?: string }>(server, 'POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD, deviceId } })

describe('devices at sign-in', () => {
  it('gives each device one data key of its own, the same at every sign-in on it, and records the last contact', async () => {
    const first = await signIn('ord-clerk1', 'tablet-k1')
    const again = await signIn('ord-clerk2', 'tablet-k1')
    const other = await signIn('ord-clerk1', 'tablet-k2')
    expect(first.body.dataKey).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(again.body.dataKey).toBe(first.body.dataKey)
    expect(other.body.dataKey).not.toBe(first.body.dataKey)
    const row = server.sql.prepare('select last_user_id, first_seen <= last_seen as ordered from devices where id = ?').get('tablet-k1') as { last_user_id: string, ordered: number }
    const clerk2 = server.sql.prepare('select id from users where username = ?').get('ord-clerk2') as { id: string }
    expect(row).toEqual({ last_user_id: clerk2.id, ordered: 1 })
  })

  it('tells a revoked device so, on its sessions and at sign-in, and releases no key to it', async () => {
    const session = await login(server, 'ord-clerk1', 'tablet-revoked')
    expect((await pull(server, session)).status).toBe(200)
    server.sql.prepare('update devices set revoked_at = ?, revoked_by = ? where id = ?').run(new Date().toISOString(), 'admin', 'tablet-revoked')
    const refused = await pull(server, session)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ error: 'DEVICE_REVOKED', reason: 'auth.deviceRevoked' })
    const again = await signIn('ord-clerk2', 'tablet-revoked')
    expect(again.status).toBe(401)
    expect(again.body).toMatchObject({ error: 'DEVICE_REVOKED' })
    expect(again.body.dataKey).toBeUndefined()
  })

  it('tells a disabled account so, on its live sessions and at sign-in with the right password', async () => {
    const session = await login(server, 'lzx-clerk2', 'tablet-d1')
    server.sql.prepare('update users set disabled_at = ? where username = ?').run(new Date().toISOString(), 'lzx-clerk2')
    const refused = await pull(server, session)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ error: 'ACCOUNT_DISABLED', reason: 'auth.accountDisabled' })
    expect((await signIn('lzx-clerk2', 'tablet-d1')).body).toMatchObject({ error: 'ACCOUNT_DISABLED' })
    const wrong = await request(server, 'POST', '/api/auth/login', { json: { username: 'lzx-clerk2', password: 'not-it', deviceId: 'tablet-d1' } })
    expect(wrong.body).toMatchObject({ error: 'UNAUTHORIZED' })
  })
})
