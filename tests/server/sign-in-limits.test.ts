import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import { LIMITS } from '../../server/http/limits'
import { type TestServer, requestFrom, startServer } from './helpers'

/**
 * The wrong-password limits under parallel requests, over real HTTP from many local addresses
 * (127.0.0.x stands for clients on machines of their own). The server's clock is a hand-moved one,
 * so waiting out a limit is a step of the clock, not a sleep.
 */
let server: TestServer
let clock = Date.now()
beforeAll(async () => { server = await startServer({ now: () => new Date(clock) }) })
afterAll(() => server.close())

let nextHost = 10
/** A client address of its own for each test, so the per-address counts of one test stay out of the others. */
const newAddress = () => `127.0.2.${nextHost++}`

const attempt = (address: string, username: string, password: string) =>
  requestFrom<{ error?: string, token?: string }>(address, server, 'POST', '/api/auth/login', { json: { username, password, deviceId: `tablet-${address}` } })

const statuses = (answers: { status: number }[]) => answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {})

describe('sign-in limits', () => {
  it('checks only 5 of 50 parallel guesses on one account from one address; the right one among the rest gets no token', async () => {
    const me = newAddress()
    const guesses = Array.from({ length: 49 }, (_, i) => attempt(me, 'ord-clerk2', `guess-${i}`))
    const right = attempt(me, 'ord-clerk2', DEMO_PASSWORD)
    const answers = await Promise.all([...guesses, right])
    expect(statuses(answers)).toEqual({ 401: LIMITS.signIn.accountAddress.max, 429: 50 - LIMITS.signIn.accountAddress.max })
    expect((await right).body.token).toBeUndefined()
    for (const limited of answers.filter(a => a.status === 429)) expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800)
  })

  it('stops one address trying 4 passwords on each of 13 accounts after 20 failures; other addresses are not held up', async () => {
    const me = newAddress()
    const accounts = ['ord', 'lzx', 'hns', 'jcs'].flatMap(c => [`${c}-clerk1`, `${c}-outreach`, `${c}-super`]).concat('admin')
    expect(accounts).toHaveLength(13)
    const answers = await Promise.all(accounts.flatMap(username => [1, 2, 3, 4].map(i => attempt(me, username, `spray-${i}`))))
    expect(statuses(answers)).toEqual({ 401: LIMITS.signIn.address.max, 429: 52 - LIMITS.signIn.address.max })
    // The address may not even try the right password now; a clerk elsewhere signs in as usual.
    expect((await attempt(me, 'lzx-clerk2', DEMO_PASSWORD)).status).toBe(429)
    expect((await attempt(newAddress(), 'lzx-clerk1', DEMO_PASSWORD)).status).toBe(200)
  })

  it('slows down guesses on one account from many addresses, never locking its owner out', async () => {
    const { max, slowDown } = LIMITS.signIn.account
    const answers = await Promise.all(Array.from({ length: max }, () => attempt(newAddress(), 'jcs-outreach', 'botnet')))
    expect(statuses(answers)).toEqual({ 401: max })
    // From here on, one attempt at a time, spaced 1 s, 2 s, 4 s … after the last failure, at most 30 s.
    const waits: number[] = []
    for (let i = 0; i < 7; i++) {
      const early = await attempt(newAddress(), 'jcs-outreach', 'botnet')
      expect(early.status).toBe(429)
      const wait = Number(early.headers.get('retry-after'))
      waits.push(wait)
      clock += wait * 1000
      const parallel = await Promise.all([1, 2, 3].map(() => attempt(newAddress(), 'jcs-outreach', 'botnet')))
      expect(statuses(parallel)).toEqual({ 401: 1, 429: 2 })
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30].map(s => Math.min(s, slowDown.maxMs / 1000)))
    // The owner gets in once the (short) wait is over, from their own address; that attempt is taken back.
    const owner = newAddress()
    const slowed = await attempt(owner, 'jcs-outreach', DEMO_PASSWORD)
    expect(slowed.status).toBe(429)
    clock += Number(slowed.headers.get('retry-after')) * 1000
    expect((await attempt(owner, 'jcs-outreach', DEMO_PASSWORD)).status).toBe(200)
    // After the window the account's failures have aged out.
    clock += LIMITS.signIn.account.windowMs
    expect((await attempt(newAddress(), 'jcs-outreach', 'botnet')).status).toBe(401)
  })

  it('counts a right password from an address neither against the address nor the account', async () => {
    const me = newAddress()
    for (let i = 0; i < 19; i++) expect((await attempt(me, `nobody-${i}`, 'x')).status).toBe(401)
    // Colleagues signing in right behind the same address (one NAT for the hall) do not use up its failures.
    for (let i = 0; i < 3; i++) expect((await attempt(me, 'hns-clerk1', DEMO_PASSWORD)).status).toBe(200)
    expect((await attempt(me, 'nobody-20', 'x')).status).toBe(401)
    expect((await attempt(me, 'hns-clerk1', DEMO_PASSWORD)).status).toBe(429)
  })
})
