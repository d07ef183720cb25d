/**
 * Unlock PINs for shared tablets, with WebCrypto only (pages, the service worker and Node 20 all
 * have `crypto.subtle`). A PIN is kept as a salted PBKDF2 hash; the PIN itself is never stored.
 */

export const PIN_LENGTH = 6
/**
 * PBKDF2-HMAC-SHA-256 rounds: OWASP's current figure (600,000; its floor used to be 310,000).
 * About 0.1 s in Chromium on a 2-core machine; a slow tablet may take a few times that, once per unlock.
 */
export const PIN_ITERATIONS = 600_000
const SALT_BYTES = 16
const HASH_BITS = 256

export interface PinHash {
  salt: Uint8Array<ArrayBuffer>
  iterations: number
  hash: Uint8Array<ArrayBuffer>
}

/** Why a new PIN is refused, as an i18n key under `lock.setup.problem.*`. */
export type PinProblem = 'format' | 'trivial'

/** The same digit (000000), a straight run (123456, 987654) or a short repeat (121212, 123123). */
function isTrivial(pin: string): boolean {
  const digits = [...pin].map(Number)
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!))
  if (steps.size === 1 && [...steps].every(step => Math.abs(step) <= 1)) return true
  return [2, 3].some(period => pin === pin.slice(0, period).repeat(PIN_LENGTH / period))
}

/** Null when the PIN may be used; otherwise why not. */
export function pinProblem(pin: string): PinProblem | null {
  if (!new RegExp(`^\\d{${PIN_LENGTH}}$`).test(pin)) return 'format'
  return isTrivial(pin) ? 'trivial' : null
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array<ArrayBuffer>> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS)
  return new Uint8Array(bits)
}

/** A fresh random salt per PIN, so two staff with the same PIN have different hashes. */
export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  return { salt, iterations, hash: await derive(pin, salt, iterations) }
}

/** Compares every byte whatever the first difference, so the time taken says nothing about the hash. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  return sameBytes(await derive(pin, stored.salt, stored.iterations), stored.hash)
}
