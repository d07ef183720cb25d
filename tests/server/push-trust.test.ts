import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, countRows, createCase, login, push, serverWithClerk } from './helpers'

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
