import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { ShiftDeskDB } from '../../src/db/database'
import { setDevicePin, unlockWithPin } from '../../src/db/device-pins'
import { readMeta, writeMeta } from '../../src/db/meta'
import { LOCKOUT_MS } from '../../src/utils/pin-attempts'
import { freshDeviceDb } from '../support/device-db'
import { CENTER, CLERK, SUPERVISOR } from '../support/fixtures'

const PIN = '258036'
const WRONG = '480917'
const START = Date.parse('2026-11-28T01:00:00.000Z')

let db: ShiftDeskDB
let time: number
const clock = () => time
const unlock = (pin: string, userId = CLERK.id) => unlockWithPin(db, userId, pin, clock)

beforeEach(async () => {
  db = await freshDeviceDb()
  time = START
  await setDevicePin(db, CLERK.id, PIN)
})

/** Every value of every row of every table, typed arrays included, as text and as bytes. */
async function everythingStored(): Promise<{ text: string, bytes: Uint8Array[] }> {
  const bytes: Uint8Array[] = []
  const rows = (await Promise.all(db.tables.map(table => table.toArray()))).flat()
  const text = JSON.stringify(rows, (_key, value: unknown) => {
    if (value instanceof Uint8Array) { bytes.push(value); return `bytes:${[...value].join(',')}` }
    return value
  })
  return { text, bytes }
}

const containsBytes = (haystack: Uint8Array, needle: Uint8Array) =>
  haystack.some((_, i) => needle.every((byte, j) => haystack[i + j] === byte))

describe('PIN on the device', () => {
  it('keeps only the salted hash: the PIN is nowhere in the database', async () => {
    await writeMeta(db, 'currentUserId', CLERK.id)
    expect(Object.keys((await db.pins.get(CLERK.id))!).sort()).toEqual(['failures', 'hash', 'iterations', 'lockedUntil', 'salt', 'scheme', 'userId'])
    const { text, bytes } = await everythingStored()
    expect(text).not.toContain(PIN)
    expect(bytes.length).toBe(2)
    const pinBytes = new TextEncoder().encode(PIN)
    for (const stored of bytes) expect(containsBytes(stored, pinBytes)).toBe(false)
  })

  it('refuses a trivial PIN and stores nothing', async () => {
    await expect(setDevicePin(db, SUPERVISOR.id, '123456')).rejects.toThrow(/trivial/)
    expect(await db.pins.get(SUPERVISOR.id)).toBeUndefined()
  })

  it('unlocks with the right PIN: the staff member becomes the current user, offline', async () => {
    await writeMeta(db, 'currentUserId', null)
    await expect(unlock(PIN)).resolves.toEqual({ ok: true })
    expect(await readMeta(db, 'currentUserId', null)).toBe(CLERK.id)
  })

  it('counts wrong PINs, pauses PIN unlock for 5 minutes after the 5th, and a reload does not reset it', async () => {
    for (const remaining of [4, 3, 2, 1]) {
      await expect(unlock(WRONG)).resolves.toEqual({ ok: false, problem: 'wrong', remaining, then: 'lockout' })
    }
    const until = new Date(START + LOCKOUT_MS).toISOString()
    await expect(unlock(WRONG)).resolves.toEqual({ ok: false, problem: 'lockedOut', until })
    // Even the right PIN is refused while paused, without counting.
    await expect(unlock(PIN)).resolves.toEqual({ ok: false, problem: 'lockedOut', until })
    expect(await readMeta(db, 'currentUserId', null)).toBeNull()

    db.close()
    db = new ShiftDeskDB(db.name) // the app reloaded
    time = START + LOCKOUT_MS - 1000
    await expect(unlock(PIN)).resolves.toEqual({ ok: false, problem: 'lockedOut', until })
    time = START + LOCKOUT_MS
    await expect(unlock(PIN)).resolves.toEqual({ ok: true })
    expect(await db.pins.get(CLERK.id)).toMatchObject({ failures: 0, lockedUntil: null })
  }, 60_000)

  it('wipes the PIN at the 10th wrong PIN: only a password sign-in helps then', async () => {
    for (let i = 0; i < 5; i++) await unlock(WRONG)
    time += LOCKOUT_MS
    for (const remaining of [4, 3, 2, 1]) {
      await expect(unlock(WRONG)).resolves.toEqual({ ok: false, problem: 'wrong', remaining, then: 'wipe' })
    }
    await expect(unlock(WRONG)).resolves.toEqual({ ok: false, problem: 'noPin' })
    expect(await db.pins.get(CLERK.id)).toBeUndefined()
    await expect(unlock(PIN)).resolves.toEqual({ ok: false, problem: 'noPin' })
    expect(await readMeta(db, 'currentUserId', null)).toBeNull()
  }, 60_000)

  it('counts each person separately', async () => {
    await db.sessions.put({ userId: SUPERVISOR.id, user: SUPERVISOR, center: CENTER, token: 't', expiresAt: '2999-01-01T00:00:00.000Z', expired: false })
    await setDevicePin(db, SUPERVISOR.id, '480917')
    await unlock(WRONG, CLERK.id)
    await unlock(PIN, SUPERVISOR.id)
    expect((await db.pins.get(CLERK.id))!.failures).toBe(1)
    await expect(unlock('480917', SUPERVISOR.id)).resolves.toEqual({ ok: true })
  })

  it('refuses a PIN unlock of someone who signed out', async () => {
    await db.sessions.update(CLERK.id, { token: '', expired: true })
    await expect(unlock(PIN)).resolves.toEqual({ ok: false, problem: 'signedOut' })
  })

  it('lets a person whose session was refused unlock and work offline', async () => {
    await db.sessions.update(CLERK.id, { expired: true })
    await expect(unlock(PIN)).resolves.toEqual({ ok: true })
  })
})
