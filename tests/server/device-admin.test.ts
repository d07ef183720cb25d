import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../src/domain/api/device-routes'
import { buildApp } from '../../server/app'
import { DB_FILE } from '../../server/store/sqlite-store'
import { type Session, type TestServer, login, pull, request } from './helpers'

/**
 * Administrators see every device (last user, centre, first seen, last contact) and revoke one:
 * its sessions are then refused with DEVICE_REVOKED and it cannot sign in. Last contact follows
 * authenticated requests, at most once a minute per device (the server's clock is set by the test).
 */
let server: TestServer
let clock = new Date('2026-12-08T08:00:00.000Z')
let admin: Session

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-devices-'))
  const app = await buildApp({ dataDir, demo: true, distDir: null, logger: false, checkResponses: true, now: () => clock })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const sql = new SQLite(path.join(dataDir, DB_FILE))
  server = { app, url, dataDir, sql, close: async () => { sql.close(); await app.close(); fs.rmSync(dataDir, { recursive: true, force: true }) } }
  admin = await login(server, 'admin', 'admin-desktop')
})
afterAll(() => server.close())

const devices = async (query = '') => (await request<{ devices: Device[] }>(server, 'GET', `/api/devices${query}`, { token: admin.token })).body.devices
const lastSeen = (id: string) => (server.sql.prepare('select last_seen from devices where id = ?').get(id) as { last_seen: string }).last_seen
/** A request after the one that would have updated the contact (which the request does not wait for). */
const settled = () => request(server, 'GET', '/api/health')

describe('devices, for administrators', () => {
  it('lists each device with its last user, centre, first seen and last contact', async () => {
    const clerk = await login(server, 'lzx-clerk1', 'tablet-lzx-1')
    const list = await devices()
    const tablet = list.find(d => d.id === 'tablet-lzx-1')!
    expect(tablet).toMatchObject({ lastUser: { id: clerk.user.id, username: 'lzx-clerk1', name: clerk.user.name, centerCode: 'LZX' }, revokedAt: null, revokedBy: null })
    expect(Date.parse(tablet.firstSeen)).toBeLessThanOrEqual(Date.parse(tablet.lastSeen))
    expect((await devices(`?centerId=${clerk.user.centerId}`)).map(d => d.id)).toEqual(['tablet-lzx-1'])
    const refused = await request(server, 'GET', '/api/devices', { token: clerk.token })
    expect(refused.status).toBe(403)
  })

  it('updates the last contact from requests, at most once a minute per device', async () => {
    const clerk = await login(server, 'ord-clerk1', 'tablet-ord-1')
    server.sql.prepare('update devices set last_seen = ? where id = ?').run('2026-12-08T07:00:00.000Z', 'tablet-ord-1')
    await pull(server, clerk)
    await expect.poll(() => lastSeen('tablet-ord-1')).toBe('2026-12-08T08:00:00.000Z')
    clock = new Date('2026-12-08T08:00:30.000Z')
    await pull(server, clerk)
    await settled()
    expect(lastSeen('tablet-ord-1')).toBe('2026-12-08T08:00:00.000Z')
    clock = new Date('2026-12-08T08:01:01.000Z')
    await pull(server, clerk)
    await expect.poll(() => lastSeen('tablet-ord-1')).toBe('2026-12-08T08:01:01.000Z')
  })

  it('revokes a device: its sessions get DEVICE_REVOKED, nobody signs in on it, other devices go on', async () => {
    const clerk = await login(server, 'ord-clerk2', 'tablet-lost')
    const colleague = await login(server, 'ord-clerk2', 'tablet-kept')
    const answer = await request<{ device: Device }>(server, 'POST', '/api/devices/tablet-lost/revoke', { token: admin.token })
    expect(answer.status).toBe(200)
    expect(answer.body.device).toMatchObject({ id: 'tablet-lost', revokedBy: { id: admin.user.id, name: admin.user.name } })
    expect(answer.body.device.revokedAt).not.toBeNull()
    const refused = await pull(server, clerk)
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ error: 'DEVICE_REVOKED' })
    const signIn = await request(server, 'POST', '/api/auth/login', { json: { username: 'ord-clerk1', password: 'shiftdesk-demo', deviceId: 'tablet-lost' } })
    expect(signIn.body).toMatchObject({ error: 'DEVICE_REVOKED' })
    expect((await pull(server, colleague)).status).toBe(200)
    // A second revoke keeps the first.
    const again = await request<{ device: Device }>(server, 'POST', '/api/devices/tablet-lost/revoke', { token: admin.token })
    expect(again.body.device.revokedAt).toBe(answer.body.device.revokedAt)
    expect((await request(server, 'POST', '/api/devices/no-such-device/revoke', { token: admin.token })).status).toBe(404)
  })
})
