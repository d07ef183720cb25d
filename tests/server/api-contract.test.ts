import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API, type ApiRoute, type RouteName, routeUrl } from '../../src/domain/api'
import { type Session, type TestServer, login, request, startServer } from './helpers'

/**
 * The contract (src/domain/api) and the server agree: every API route the server serves is in the
 * contract with its access level, every contract route is served, sign-in and the administrator
 * role are enforced by the scope on each route, and each route's input goes through its schema.
 */
let server: TestServer
let clerk: Session
let admin: Session
beforeAll(async () => {
  server = await startServer()
  clerk = await login(server, 'ord-clerk1')
  admin = await login(server, 'admin')
})
afterAll(() => server.close())

const routes = Object.entries(API) as [RouteName, ApiRoute][]
/** Path parameters that exist (the demo's centre and a made-up case id are enough to reach the route). */
const validParams = (): Record<string, string> => ({ id: clerk.center.id, year: '2026', code: 'ABCDEFGH' })
const urlOf = (route: ApiRoute) => routeUrl(route, validParams())

describe('the contract and the server', () => {
  it('serves exactly the contract\'s API routes', () => {
    const served = server.app.served.filter(r => r.url.startsWith('/api') && r.method !== 'HEAD').map(r => `${r.method} ${r.url}`)
    const declared = routes.map(([, r]) => `${r.method} ${r.path}`)
    expect([...served].sort()).toEqual([...declared].sort())
  })

  it.each(routes.filter(([, r]) => r.access !== 'public'))('refuses %s without a live session (401), whatever the input', async (_name, route) => {
    for (const token of [undefined, 'x'.repeat(43)]) {
      const answer = await request(server, route.method, urlOf(route), { token, json: route.method === 'GET' ? undefined : {} })
      expect(answer.status, `${route.method} ${route.path}`).toBe(401)
      expect(answer.body).toMatchObject({ error: 'UNAUTHORIZED' })
    }
  })

  it.each(routes.filter(([, r]) => r.access === 'admin'))('refuses %s to staff who are not administrators (403)', async (_name, route) => {
    const answer = await request(server, route.method, urlOf(route), { token: clerk.token, json: route.method === 'GET' ? undefined : {} })
    expect(answer.status).toBe(403)
    expect(answer.body).toMatchObject({ error: 'FORBIDDEN' })
  })

  it.each(routes.filter(([, r]) => r.access === 'public'))('answers %s without a session', async (_name, route) => {
    const answer = await request(server, route.method, urlOf(route), { json: route.method === 'GET' ? undefined : {} })
    expect(answer.status).not.toBe(401)
    expect(answer.status).toBeLessThan(500)
  })
})

/** A query each route's schema must refuse; every route with a query schema has one here. */
const BAD_QUERIES: Partial<Record<RouteName, string>> = {
  push: '?echo=yes',
  pull: '?limit=0',
  publicItems: '?date=2026-02-30',
  publicDays: `?item=${'x'.repeat(65)}`,
  publicSlots: '?date=2026-12-01',
  lookupBooking: `?mobile=${'1'.repeat(33)}`,
  listStaff: `?centerId=${'x'.repeat(65)}`,
  accountEvents: '?limit=0',
  listDevices: `?centerId=${'x'.repeat(65)}`,
}

describe('every route\'s input goes through its schema', () => {
  it('has a refused query for every route that reads one', () => {
    expect(Object.keys(BAD_QUERIES).sort()).toEqual(routes.filter(([, r]) => r.query).map(([name]) => name).sort())
  })

  const tokenFor = (route: ApiRoute) => route.access === 'public' ? undefined : admin.token

  it.each(routes.filter(([, r]) => r.params))('%s: a malformed path parameter is a 400', async (_name, route) => {
    const url = routeUrl(route, Object.fromEntries(Object.keys(validParams()).map(key => [key, 'not valid/'.repeat(10)])))
    const answer = await request(server, route.method, url, { token: tokenFor(route), json: route.method === 'GET' ? undefined : {} })
    expect(answer.status, JSON.stringify(answer.body)).toBe(400)
    expect(answer.body).toMatchObject({ error: 'BAD_REQUEST', message: expect.any(String) })
  })

  it.each(routes.filter(([, r]) => r.query))('%s: a malformed query is a 400', async (name, route) => {
    const answer = await request(server, route.method, urlOf(route) + BAD_QUERIES[name], { token: tokenFor(route), json: route.method === 'GET' ? undefined : {} })
    expect(answer.status, JSON.stringify(answer.body)).toBe(400)
  })

  it.each(routes.filter(([, r]) => r.body))('%s: a body missing what the schema needs is a 400, applying nothing', async (_name, route) => {
    const before = server.sql.prepare('select value from meta where key = \'seq\'').get()
    const answer = await request(server, route.method, urlOf(route), { token: tokenFor(route), json: { unexpected: true } })
    expect(answer.status, JSON.stringify(answer.body)).toBe(400)
    expect(answer.body).toMatchObject({ error: 'BAD_REQUEST' })
    expect(server.sql.prepare('select value from meta where key = \'seq\'').get()).toEqual(before)
  })
})
