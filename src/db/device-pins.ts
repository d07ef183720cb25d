import { afterWrongPin, pinGate } from '../utils/pin-attempts'
import { unwrapDataKey, wrapDataKey } from '../utils/data-key'
import { checkPin, hashPin, pinProblem } from '../utils/pin-hash'
import { heldDataKeys, holdDataKeys } from './data-keys'
import type { DevicePin, ShiftDeskDB } from './database'
import { enterScope } from './scope-switch'
import { writeMeta } from './meta'

export type UnlockOutcome =
  /** Right PIN; the device's data key is held in memory when the PIN had it wrapped (or the key was at hand). */
  | { ok: true }
  | { ok: false, problem: 'wrong', remaining: number, then: 'lockout' | 'wipe' }
  | { ok: false, problem: 'lockedOut', until: string }
  /** No PIN here (never set, or wiped now or earlier): a password sign-in is needed. */
  | { ok: false, problem: 'noPin' }
  /** They signed out meanwhile: their session is gone, a password sign-in is needed. */
  | { ok: false, problem: 'signedOut' }

/** The PIN row of `pin`, wrapping the device's data key when it is at hand (after a sign-in or an unlock). */
async function pinRow(db: ShiftDeskDB, userId: string, pin: string): Promise<DevicePin> {
  const { salt, iterations, hash, scheme, wrapping } = await hashPin(pin)
  const keys = heldDataKeys(db)
  const wrappedKey = keys ? await wrapDataKey(keys, wrapping) : undefined
  return { userId, salt, iterations, hash, scheme, ...(wrappedKey ? { wrappedKey } : {}), failures: 0, lockedUntil: null }
}

/** Sets (or replaces) the PIN of a staff member on this device; throws on a PIN pinProblem refuses. */
export async function setDevicePin(db: ShiftDeskDB, userId: string, pin: string): Promise<void> {
  const problem = pinProblem(pin)
  if (problem) throw new Error(`PIN refused: ${problem}`)
  await db.pins.put(await pinRow(db, userId, pin))
}

/**
 * After a right PIN: the data key it wrapped is opened and held; a PIN that wraps none yet (set
 * before, or with no key at hand) wraps the held key now, under a verifier of scheme 2.
 */
async function openDataKey(db: ShiftDeskDB, pin: string, stored: DevicePin, wrapping: CryptoKey | null): Promise<void> {
  if (stored.wrappedKey && wrapping) {
    // A key that does not open (the row was tampered with) leaves the person working without it.
    const keys = await unwrapDataKey(stored.wrappedKey, wrapping).catch(() => null)
    if (keys) holdDataKeys(db, keys)
    return
  }
  if (heldDataKeys(db)) await db.pins.put({ ...await pinRow(db, stored.userId, pin), failures: 0, lockedUntil: null })
}

/**
 * Takes one try, before the slow hash runs: a reload, a crash or a second tab mid-check cannot
 * win extra tries. Returns the row to check against, or why there is nothing to check.
 */
function takeAttempt(db: ShiftDeskDB, userId: string, now: number): Promise<DevicePin | UnlockOutcome> {
  return db.transaction('rw', db.pins, db.sessions, async () => {
    if (!(await db.sessions.get(userId))?.token) return { ok: false, problem: 'signedOut' } as const
    const pin = await db.pins.get(userId)
    if (!pin) return { ok: false, problem: 'noPin' } as const
    const gate = pinGate(pin, now)
    if (gate.state === 'wiped') {
      await db.pins.delete(userId)
      return { ok: false, problem: 'noPin' } as const
    }
    if (gate.state === 'lockedOut') return { ok: false, problem: 'lockedOut', until: gate.until } as const
    await db.pins.update(userId, { failures: pin.failures + 1 })
    return { ...pin, failures: pin.failures + 1 }
  })
}

/**
 * PIN unlock, with no network: on the right PIN the staff member becomes the current user of the
 * device. `clock` is injectable so tests can walk through the lockout.
 */
export async function unlockWithPin(db: ShiftDeskDB, userId: string, pin: string, clock = Date.now): Promise<UnlockOutcome> {
  const attempt = await takeAttempt(db, userId, clock())
  if ('ok' in attempt) return attempt
  const wrapping = await checkPin(pin, attempt)
  if (wrapping !== false) {
    await openDataKey(db, pin, attempt, wrapping)
    // Another scope's citizens' data leaves before the person who unlocked sees anything.
    const session = await db.sessions.get(userId)
    if (session) await enterScope(db, session.user)
    await db.transaction('rw', db.pins, db.meta, async () => {
      await db.pins.update(userId, { failures: 0, lockedUntil: null })
      await writeMeta(db, 'currentUserId', userId)
    })
    return { ok: true }
  }
  const now = clock()
  const { lockedUntil, wipe } = afterWrongPin(attempt.failures, now)
  if (wipe) {
    await db.pins.delete(userId)
    return { ok: false, problem: 'noPin' }
  }
  if (lockedUntil) {
    await db.pins.update(userId, { lockedUntil })
    return { ok: false, problem: 'lockedOut', until: lockedUntil }
  }
  const gate = pinGate({ failures: attempt.failures, lockedUntil: null }, now)
  return gate.state === 'open' ? { ok: false, problem: 'wrong', remaining: gate.remaining, then: gate.then } : { ok: false, problem: 'noPin' }
}

/** A password sign-in proves who they are: their PIN attempts start again. */
export const resetPinAttempts = (db: ShiftDeskDB, userId: string) =>
  db.pins.update(userId, { failures: 0, lockedUntil: null })
