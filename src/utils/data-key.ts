/**
 * The device's data key (released by the central system at sign-in, one per device) and what it
 * protects on the device, with WebCrypto only (pages, the service worker and Node 20 have
 * `crypto.subtle`). The raw key never reaches IndexedDB: it is imported non-extractable, and stored
 * only wrapped (AES-GCM) under a key derived from each staff member's PIN (device-pins.ts).
 */

/** What the data key opens, each imported from it once per unlock; never extractable. */
export interface DataKeys {
  /** AES-GCM-256 for sealed values. */
  seal: CryptoKey
  /** HMAC-SHA-256 for blind indexes, derived (HKDF) from the data key, so it differs from `seal`. */
  blind: CryptoKey
  /** The data key itself, only to wrap it under a PIN (AES-GCM, extractable for wrapKey alone). */
  wrappable: CryptoKey
}

const IV_BYTES = 12
const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()
const SEALED_PREFIX = 'v1.'

export const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0))
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), c => c.charCodeAt(0))

const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8.encode(info) })

/** The keys of a data key given as raw bytes (from the login answer or unwrapped). */
async function keysOf(raw: Uint8Array<ArrayBuffer>): Promise<DataKeys> {
  const [seal, wrappable, base] = await Promise.all([
    crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']),
    crypto.subtle.importKey('raw', raw, 'AES-GCM', true, ['encrypt']),
    crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']),
  ])
  const blind = await crypto.subtle.deriveKey(hkdf('shiftdesk blind index'), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign'])
  return { seal, blind, wrappable }
}

/** The keys of the data key the login answer carried (32 bytes, base64url). */
export const importDataKey = (base64url: string) => keysOf(fromBase64Url(base64url))

/** Seals a text under the data key: `v1.<iv>.<ciphertext>` (base64), a fresh IV each time. */
export async function sealText(keys: DataKeys, text: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, keys.seal, utf8.encode(text)))
  return `${SEALED_PREFIX}${toBase64(iv)}.${toBase64(data)}`
}

/** Opens what sealText sealed; throws if it was changed or sealed under another key. */
export async function openText(keys: DataKeys, sealed: string): Promise<string> {
  const [version, iv, data] = sealed.split('.')
  if (`${version}.` !== SEALED_PREFIX || !iv || !data) throw new Error('not a sealed value')
  return fromUtf8.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(iv) }, keys.seal, fromBase64(data)))
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX)

/**
 * A blind index of an ID number: the HMAC of its normalised form (NFKC, so full-width digits match;
 * upper case, no spaces), so an exact search finds the case without the number being stored.
 */
export async function blindIndex(keys: DataKeys, idNumber: string): Promise<string> {
  const normal = idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', keys.blind, utf8.encode(normal))))
}

/** The data key wrapped under a PIN's wrapping key, as a PIN row keeps it. */
export interface WrappedDataKey { iv: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer> }

export async function wrapDataKey(keys: DataKeys, wrapping: CryptoKey): Promise<WrappedDataKey> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES))
  return { iv, data: new Uint8Array(await crypto.subtle.wrapKey('raw', keys.wrappable, wrapping, { name: 'AES-GCM', iv })) }
}

/** Throws when the wrapping key is not the one it was wrapped under (a wrong PIN). */
export async function unwrapDataKey(wrapped: WrappedDataKey, wrapping: CryptoKey): Promise<DataKeys> {
  const raw = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: wrapped.iv }, wrapping, wrapped.data))
  return keysOf(raw)
}
