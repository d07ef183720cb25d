import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { hashingPool } from './hash-pool'

/**
 * scrypt password hashes as `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later
 * without invalidating stored hashes: each hash carries the parameters it was made with.
 */
const COST = { N: 16384, r: 8, p: 1 }
const KEY_LENGTH = 64

/**
 * Through the pool of hash-pool.ts, a few at a time. Checking a password (anyone can ask for one)
 * throws PoolFull (503) at once when too many wait; making a hash (seed, account changes) waits.
 */
function derive(password: string, salt: Buffer, N: number, r: number, p: number, bounded: boolean): Promise<Buffer> {
  return hashingPool.run(() => new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key))
  }), { bounded })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST.N, COST.r, COST.p, false)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(N), Number(r), Number(p), true)
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** Checked against for unknown usernames, so they take as long as a wrong password does. */
let dummyHash: Promise<string> | undefined
export const dummyPasswordHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')))
