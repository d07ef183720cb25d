import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashingPool } from '../../server/auth/hash-pool'
import { LIMITS } from '../../server/http/limits'
import { captureLog } from '../support/log-capture'
import { type Answer, type Session, type TestServer, login, pull, request, requestFrom, startServer } from './helpers'

/**
 * 400 sign-ins with made-up usernames at once, from 100 addresses (4 each: under every per-address
 * limit, as a botnet would send them), against a real server that also serves the built app. The
 * password hashes wait in a bounded queue; beyond it the flood is answered 503 at once, and the
 * service worker file, the health probe and a signed-in pull are answered while the hashed
 * sign-ins are still being worked through (scrypt once held all of libuv's threads, and sw.js
 * took 28 s).
 */
let server: TestServer
let dist: string
let clerk: Session
const log = captureLog()
beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-dist-'))
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>staff shell</title>')
  fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})\n'.repeat(2000))
  server = await startServer({ distDir: dist, logStream: log.stream })
  clerk = await login(server, 'ord-clerk1')
  hashingPool.peakQueued = 0
})
afterAll(async () => {
  await server.close()
  fs.rmSync(dist, { recursive: true, force: true })
})

describe('a flood of sign-ins', () => {
  it('gets 503 with Retry-After beyond the hashing queue, while other requests keep being answered', async () => {
    let hashedSoFar = 0
    let firstAnswer!: () => void
    const floodAnswering = new Promise<void>((resolve) => { firstAnswer = resolve })
    const flood = Array.from({ length: 400 }, (_, i) =>
      requestFrom<{ error: string }>(`127.0.3.${1 + (i % 100)}`, server, 'POST', '/api/auth/login', {
        json: { username: `made-up-${i}`, password: 'whatever', deviceId: `bot-${i}` },
      }).then((answer) => {
        if (answer.status === 401) hashedSoFar++
        firstAnswer()
        return answer
      }))

    // Once the flood is being answered, the others ask; each notes how many hashed sign-ins were answered by then.
    await floodAnswering
    const during = async (what: Promise<Answer>) => {
      const answer = await what
      return { status: answer.status, hashedBefore: hashedSoFar }
    }
    const others = await Promise.all([
      during(request(server, 'GET', '/sw.js')),
      during(request(server, 'GET', '/api/health')),
      during(pull(server, clerk, '?limit=5')),
    ])
    const answers = await Promise.all(flood)

    const refused = answers.filter(a => a.status === 503)
    const hashed = answers.filter(a => a.status === 401)
    expect(refused.length + hashed.length).toBe(400)
    expect(refused.length).toBeGreaterThan(0)
    for (const answer of refused) {
      expect(answer.body.error).toBe('BUSY')
      expect(answer.headers.get('retry-after')).toBe(String(LIMITS.hashing.retryAfterS))
    }
    expect(hashingPool.peakQueued).toBeLessThanOrEqual(LIMITS.hashing.maxQueued)
    // Each refusal and each failed sign-in is in the log, with its username.
    expect(log.lines.filter(line => line.limit === 'hashing' && line.status === 503)).toHaveLength(refused.length)
    expect(log.lines.filter(line => line.event === 'sign-in failed' && String(line.username).startsWith('made-up-'))).toHaveLength(hashed.length)
    for (const other of others) {
      expect(other.status).toBe(200)
      expect(other.hashedBefore).toBeLessThan(hashed.length)
    }
    // Over, the server signs people in as before.
    expect((await login(server, 'ord-clerk2')).token).toBeTruthy()
  }, 60_000)
})
