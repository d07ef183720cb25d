import { hkdfSync, pbkdf2Sync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { PIN_ITERATIONS, VERIFIER_INFO, checkPin, hashPin, pinMatches, pinProblem, sameBytes } from '../../src/utils/pin-hash'

describe('PIN hashing (PBKDF2-SHA-256 with crypto.subtle)', () => {
  it('accepts the right PIN and refuses any other', async () => {
    const stored = await hashPin('258036')
    await expect(pinMatches('258036', stored)).resolves.toBe(true)
    for (const other of ['258037', '852036', '25803', '2580360', ''])
      await expect(pinMatches(other, stored), other).resolves.toBe(false)
  })

  it('stores HKDF(PBKDF2-HMAC-SHA-256) with a 16-byte salt and at least the OWASP rounds (checked with node:crypto)', async () => {
    const stored = await hashPin('258036')
    expect(stored.iterations).toBe(PIN_ITERATIONS)
    expect(stored.iterations).toBeGreaterThanOrEqual(310_000)
    expect(stored.salt).toHaveLength(16)
    expect(stored.hash).toHaveLength(32)
    const stretched = pbkdf2Sync('258036', stored.salt, stored.iterations, 32, 'sha256')
    const expected = Buffer.from(hkdfSync('sha256', stretched, Buffer.alloc(32), VERIFIER_INFO, 32))
    expect(Buffer.from(stored.hash).equals(expected)).toBe(true)
    // The stored verifier is not the stretched PIN, from which the data key's wrapping key is drawn.
    expect(Buffer.from(stored.hash).equals(stretched)).toBe(false)
  })

  it('still checks a PIN set before the data key was wrapped (the stretched PIN stored as it is), which has no wrapping key', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16))
    const legacy = { salt, iterations: 1000, hash: new Uint8Array(pbkdf2Sync('258036', salt, 1000, 32, 'sha256')) }
    await expect(checkPin('258036', legacy)).resolves.toBeNull()
    await expect(checkPin('258037', legacy)).resolves.toBe(false)
  })

  it('salts every PIN afresh: two staff with the same PIN get different hashes', async () => {
    const [a, b] = await Promise.all([hashPin('258036'), hashPin('258036')])
    expect(sameBytes(a.salt, b.salt)).toBe(false)
    expect(sameBytes(a.hash, b.hash)).toBe(false)
    await expect(pinMatches('258036', b)).resolves.toBe(true)
  })
})

describe('choosing a PIN', () => {
  it.each(['000000', '999999', '123456', '234567', '654321', '987654', '121212', '909090', '123123', '580580'])(
    'refuses the trivial %s', pin => expect(pinProblem(pin)).toBe('trivial'))

  it.each(['', '12345', '1234567', 'abcdef', '25803a', '258 36', '２５８０３６'])(
    'refuses %j: not six digits', pin => expect(pinProblem(pin)).toBe('format'))

  it.each(['258036', '480917', '135790', '112358', '100000'])('accepts %s', pin => expect(pinProblem(pin)).toBeNull())
})

describe('comparing hashes', () => {
  it('is equal only for the same bytes and the same length', () => {
    const a = new Uint8Array([1, 2, 3, 4])
    expect(sameBytes(a, new Uint8Array([1, 2, 3, 4]))).toBe(true)
    expect(sameBytes(a, new Uint8Array([1, 2, 3, 5]))).toBe(false)
    expect(sameBytes(a, new Uint8Array([9, 2, 3, 4]))).toBe(false)
    expect(sameBytes(a, new Uint8Array([1, 2, 3]))).toBe(false)
    expect(sameBytes(a, new Uint8Array([1, 2, 3, 4, 0]))).toBe(false)
  })
})
