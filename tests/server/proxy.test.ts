import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import { HSTS } from '../../server/http/security-headers'
import { parseTrustProxy } from '../../server/http/trust-proxy'
import { type TestServer, requestFrom, startServer } from './helpers'

/**
 * TRUST_PROXY over real HTTP: a "proxy" is a client connecting from a local address the server
 * trusts (127.0.4.2), sending X-Forwarded-For and X-Forwarded-Proto as nginx does.
 */
const PROXY = '127.0.4.2'
const STRANGER = '127.0.4.3'

const signIn = (server: TestServer, from: string, username: string, password: string, headers: Record<string, string> = {}) =>
  requestFrom(from, server, 'POST', '/api/auth/login', { json: { username, password, deviceId: 'tablet-p' }, headers })

const hstsOf = async (server: TestServer, from: string, headers: Record<string, string>) =>
  (await requestFrom(from, server, 'GET', '/api/health', { headers })).headers.get('strict-transport-security')

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false], ['', false], ['off', false], ['0', false],
    ['1', 1], ['2', 2],
    ['127.0.0.1', ['127.0.0.1']], [' 10.0.0.0/8, ::1 ,loopback', ['10.0.0.0/8', '::1', 'loopback']], ['fd00::/8', ['fd00::/8']],
  ])('reads %j as %j', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected)
  })

  it.each([
    ['true', /trusting every peer/], ['*', /trusting every peer/], ['nginx', /"nginx" is not an IP address/],
    ['10.0.0.0/33', /"10.0.0.0\/33"/], ['127.0.0.1/8/1', /"127.0.0.1\/8\/1"/],
  ])('refuses %j, saying why', (value, message) => {
    expect(() => parseTrustProxy(value)).toThrow(message)
  })
})

describe('behind no trusted proxy (the default)', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer() })
  afterAll(() => server.close())

  it('ignores X-Forwarded-For: a spoofed address does not dodge the limit', async () => {
    const me = '127.0.4.1'
    for (let i = 0; i < 5; i++) {
      expect((await signIn(server, me, 'ord-clerk1', 'wrong', { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401)
    }
    expect((await signIn(server, me, 'ord-clerk1', 'wrong', { 'x-forwarded-for': '198.51.100.9' })).status).toBe(429)
  })

  it('sends HSTS over plain HTTP never, whatever X-Forwarded-Proto says', async () => {
    expect(await hstsOf(server, '127.0.4.1', {})).toBeNull()
    expect(await hstsOf(server, '127.0.4.1', { 'x-forwarded-proto': 'https' })).toBeNull()
  })
})

describe('behind a trusted proxy', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer({ trustProxy: [PROXY] }) })
  afterAll(() => server.close())

  it('limits each client behind the proxy separately', async () => {
    const viaProxy = (client: string) => ({ 'x-forwarded-for': `${client}` })
    for (let i = 0; i < 5; i++) expect((await signIn(server, PROXY, 'lzx-clerk1', 'wrong', viaProxy('203.0.113.10'))).status).toBe(401)
    expect((await signIn(server, PROXY, 'lzx-clerk1', DEMO_PASSWORD, viaProxy('203.0.113.10'))).status).toBe(429)
    // Another client of the same proxy, and the client's own earlier hop in the chain, are not that client.
    expect((await signIn(server, PROXY, 'lzx-clerk1', 'wrong', viaProxy('203.0.113.11'))).status).toBe(401)
    expect((await signIn(server, PROXY, 'lzx-clerk1', DEMO_PASSWORD, viaProxy('203.0.113.10, 203.0.113.12'))).status).toBe(200)
  })

  it('ignores X-Forwarded-For from a peer that is not the proxy', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn(server, STRANGER, 'hns-clerk1', 'wrong', { 'x-forwarded-for': `203.0.113.${50 + i}` })).status).toBe(401)
    }
    expect((await signIn(server, STRANGER, 'hns-clerk1', 'wrong', { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429)
  })

  it('sends HSTS when the proxy says the request came over HTTPS, and only then', async () => {
    expect(await hstsOf(server, PROXY, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.20' })).toBe(HSTS)
    expect(await hstsOf(server, PROXY, { 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.20' })).toBeNull()
    expect(await hstsOf(server, PROXY, {})).toBeNull()
    expect(await hstsOf(server, STRANGER, { 'x-forwarded-proto': 'https' })).toBeNull()
  })
})

describe('behind a proxy given by hop count', () => {
  let server: TestServer
  beforeAll(async () => { server = await startServer({ trustProxy: 1 }) })
  afterAll(() => server.close())

  it('takes the nearest peer for the proxy and the address before it for the client', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(server, PROXY, 'jcs-clerk1', 'wrong', { 'x-forwarded-for': '203.0.113.30' })).status).toBe(401)
    expect((await signIn(server, PROXY, 'jcs-clerk1', 'wrong', { 'x-forwarded-for': '203.0.113.30' })).status).toBe(429)
    expect((await signIn(server, PROXY, 'jcs-clerk1', DEMO_PASSWORD, { 'x-forwarded-for': '203.0.113.31' })).status).toBe(200)
    expect(await hstsOf(server, PROXY, { 'x-forwarded-proto': 'https' })).toBe(HSTS)
  })
})
