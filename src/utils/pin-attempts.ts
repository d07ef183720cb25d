/**
 * Attempt limits of PIN unlock. A 6-digit PIN has only a million values, so guessing must stop
 * long before that: a pause after a few wrong PINs, and after more the PIN is gone and only a
 * password sign-in at the central system lets the person back in.
 */

export const LOCKOUT_AFTER = 5
export const LOCKOUT_MS = 5 * 60_000
export const WIPE_AFTER = 10

export interface PinAttempts { failures: number, lockedUntil: string | null }

/**
 * What a PIN allows now. `open`: how many wrong PINs are left before the next step (`then`).
 * `lockedOut`: paused until `until`. `wiped`: no more tries (the PIN is deleted when next touched).
 */
export type PinGate =
  | { state: 'open', remaining: number, then: 'lockout' | 'wipe' }
  | { state: 'lockedOut', until: string }
  | { state: 'wiped' }

export function pinGate({ failures, lockedUntil }: PinAttempts, now: number): PinGate {
  if (failures >= WIPE_AFTER) return { state: 'wiped' }
  if (lockedUntil && Date.parse(lockedUntil) > now) return { state: 'lockedOut', until: lockedUntil }
  return failures < LOCKOUT_AFTER
    ? { state: 'open', remaining: LOCKOUT_AFTER - failures, then: 'lockout' }
    : { state: 'open', remaining: WIPE_AFTER - failures, then: 'wipe' }
}

/** The row after a wrong PIN that was the `failures`-th: paused at the 5th, gone at the 10th. */
export function afterWrongPin(failures: number, now: number): { lockedUntil: string | null, wipe: boolean } {
  if (failures >= WIPE_AFTER) return { lockedUntil: null, wipe: true }
  if (failures === LOCKOUT_AFTER) return { lockedUntil: new Date(now + LOCKOUT_MS).toISOString(), wipe: false }
  return { lockedUntil: null, wipe: false }
}
