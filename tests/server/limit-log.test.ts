import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../../server/http/limits'
import { addressTag } from '../../server/http/limit-log'
import { captureLog } from '../support/log-capture'
import { type TestServer, requestFrom, startServer } from './helpers'

/** What the server's log says about failed sign-ins and refusals of the limits, read from its real log stream. */
let server: TestServer
const log = captureLog()
beforeAll(async () => { server = await startServer({ logStream: log.stream }) })
afterAll(() => server.close())

const ME = '127.0.5.1'
const PASSWORD = 'Tr0ub4dor&3-secret'

describe('the log of the limits', () => {
  it('logs a failed sign-in and a 429 with the username and a keyed hash of the address, never the password or the address', async () => {
    for (let i = 0; i < 6; i++) {
      await requestFrom(ME, server, 'POST', '/api/auth/login', { json: { username: 'ord-clerk1', password: PASSWORD, deviceId: 'tablet-log' } })
    }
    const failed = log.lines.filter(line => line.event === 'sign-in failed')
    expect(failed).toHaveLength(5)
    expect(failed[0]).toMatchObject({ level: 40, status: 401, username: 'ord-clerk1', address: addressTag(ME) })
    const limited = log.lines.filter(line => line.event === 'limited')
    expect(limited).toEqual([expect.objectContaining({ status: 429, limit: 'signIn.accountAddress', username: 'ord-clerk1', address: addressTag(ME), retryAfter: expect.any(Number) })])
    expect(addressTag(ME)).toMatch(/^[\w-]{16}$/)
    expect(addressTag(ME)).not.toBe(addressTag('127.0.5.2'))
    expect(log.text()).not.toContain(PASSWORD)
    expect(log.text()).not.toContain(ME)
  })

  it('logs the booking routes\' 429 with the hashed address', async () => {
    const citizen = '127.0.5.9'
    for (let i = 0; i <= LIMITS.booking.perAddress.max; i++) await requestFrom(citizen, server, 'POST', '/api/public/bookings', { json: {} })
    expect(log.lines.filter(line => line.event === 'limited' && line.limit === 'booking.perAddress'))
      .toEqual([expect.objectContaining({ status: 429, address: addressTag(citizen) })])
    expect(log.text()).not.toContain(citizen)
  })
})
