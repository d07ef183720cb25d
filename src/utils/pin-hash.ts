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

/** PBKDF2-HMAC-SHA-256 of the PIN: the slow step, run once per set or unlock. */
async function stretch(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits'])
  return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS)
}

const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: new TextEncoder().encode(info) })
/** HKDF labels of the two keys drawn from the stretched PIN (scheme 2). */
export const VERIFIER_INFO = 'shiftdesk pin verifier'
export const WRAPPING_INFO = 'shiftdesk data key wrapping'

/**
 * Scheme 2: from the stretched PIN, HKDF draws the verifier that is stored and, separately, the key
 * that wraps the device's data key, which is never stored: neither can be computed from the other.
 * Scheme 1 (PINs set before the data key was wrapped) stored the stretched PIN itself as the hash.
 */
async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number, scheme: 1 | 2) {
  const stretched = await stretch(pin, salt, iterations)
  if (scheme === 1) return { hash: new Uint8Array(stretched), wrapping: null }
  const base = await crypto.subtle.importKey('raw', stretched, 'HKDF', false, ['deriveBits', 'deriveKey'])
  const [hash, wrapping] = await Promise.all([
    crypto.subtle.deriveBits(hkdf(VERIFIER_INFO), base, HASH_BITS),
    crypto.subtle.deriveKey(hkdf(WRAPPING_INFO), base, { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'decrypt']),
  ])
  return { hash: new Uint8Array(hash), wrapping }
}

/** A fresh random salt per PIN, so two staff with the same PIN have different hashes. */
export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash & { scheme: 2, wrapping: CryptoKey }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const { hash, wrapping } = await derive(pin, salt, iterations, 2)
  return { salt, iterations, hash, scheme: 2, wrapping: wrapping! }
}

/** Compares every byte whatever the first difference, so the time taken says nothing about the hash. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

/** The PIN's wrapping key when it is right (null for a scheme-1 PIN, which has none), else false. */
export async function checkPin(pin: string, stored: PinHash & { scheme?: 2 }): Promise<CryptoKey | null | false> {
  const { hash, wrapping } = await derive(pin, stored.salt, stored.iterations, stored.scheme ?? 1)
  return sameBytes(hash, stored.hash) && wrapping
}

export async function pinMatches(pin: string, stored: PinHash & { scheme?: 2 }): Promise<boolean> {
  return await checkPin(pin, stored) !== false
}
