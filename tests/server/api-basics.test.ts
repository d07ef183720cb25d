import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { knownReasons } from '../../server/sync/reasons'
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

  it('has an English message for every reason key src/domain can produce', () => {
    const dir = path.resolve(__dirname, '../../src/domain')
    const source = fs.readdirSync(dir).filter(f => f.endsWith('.ts')).map(f => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n')
    const literal = [...source.matchAll(/'((?:reject|transition|field)\.[A-Za-z.]+)'/g)].map(m => m[1]!)
    const transition = [...source.matchAll(/TransitionDenial = ([^\n]+)/g)].flatMap(m => [...m[1]!.matchAll(/'(\w+)'/g)])
      .map(m => `transition.${m[1]}`).filter(key => key !== 'transition.role' && key !== 'transition.ownCase') // answered as reject.role / reject.ownCase
    const residentId = [...source.matchAll(/ResidentIdProblem = ([^\n]+)/g)].flatMap(m => [...m[1]!.matchAll(/'(\w+)'/g)]).map(m => `field.residentId.${m[1]}`)
    const creditCode = [...source.matchAll(/CreditCodeProblem = ([^\n]+)/g)].flatMap(m => [...m[1]!.matchAll(/'(\w+)'/g)]).map(m => `field.creditCode.${m[1]}`)
    const schemaMessages = ['required', 'tooLong', 'invalid', 'mobile.format'].map(key => `field.${key}`)
    const expected = [...literal, ...transition, ...residentId, ...creditCode, ...schemaMessages]
    expect(expected.length).toBeGreaterThan(20)
    expect(expected.filter(key => !knownReasons().includes(key))).toEqual([])
  })
})
