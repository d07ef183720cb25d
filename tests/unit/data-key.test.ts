import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { forgetDataKeys, heldDataKeys, holdDataKeys } from '../../src/db/data-keys'
import type { ShiftDeskDB } from '../../src/db/database'
import { setDevicePin, unlockWithPin } from '../../src/db/device-pins'
import { blindIndex, importDataKey, openText, sealText } from '../../src/utils/data-key'
import { hashPin } from '../../src/utils/pin-hash'
import { freshDeviceDb } from '../support/device-db'
import { CLERK } from '../support/fixtures'

/** A data key as the login answer carries it: 32 random bytes, base64url. */
const DATA_KEY = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
const PIN = '258036'
/** The clerk's session on this device, as a sign-in leaves it. */
const signedInHere = (db: ShiftDeskDB) => db.sessions.put({
  userId: CLERK.id, user: CLERK, center: { id: CLERK.centerId, code: 'ORD', name: '鄂尔多斯', nameEn: 'Ordos' },
  token: 't', expiresAt: new Date(Date.now() + 3600_000).toISOString(), expired: false,
})

describe('the device data key (WebCrypto)', () => {
  it('seals a text with a fresh IV each time and opens it only with the same key, untouched', async () => {
    const keys = await importDataKey(DATA_KEY)
    const a = await sealText(keys, '11010519491231002X')
    const b = await sealText(keys, '11010519491231002X')
    expect(a).not.toBe(b)
    expect(a).not.toContain('1101051949')
    await expect(openText(keys, a)).resolves.toBe('11010519491231002X')
    const other = await importDataKey(Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'))
    await expect(openText(other, a)).rejects.toThrow()
    const [v, iv, data] = a.split('.')
    const flipped = `${v}.${iv}.${data!.startsWith('A') ? `B${data!.slice(1)}` : `A${data!.slice(1)}`}`
    await expect(openText(keys, flipped)).rejects.toThrow()
  })

  it('gives one blind index per normalised ID number, different under another data key', async () => {
    const keys = await importDataKey(DATA_KEY)
    const plain = await blindIndex(keys, '11010519491231002X')
    expect(await blindIndex(keys, ' １１０１０５１９４９１２３１００２ｘ ')).toBe(plain)
    expect(await blindIndex(keys, '11010519491231003X')).not.toBe(plain)
    const other = await importDataKey(Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'))
    expect(await blindIndex(other, '11010519491231002X')).not.toBe(plain)
  })
})

describe('the data key wrapped under each PIN', () => {
  let db: ShiftDeskDB
  beforeEach(async () => { db = await freshDeviceDb() })
  afterEach(() => forgetDataKeys(db))

  it('is wrapped when the PIN is set after a sign-in, and opened again by that PIN alone after a lock', async () => {
    const signedIn = await importDataKey(DATA_KEY)
    holdDataKeys(db, signedIn)
    await signedInHere(db)
    await setDevicePin(db, CLERK.id, PIN)
    const row = (await db.pins.get(CLERK.id))!
    expect(row).toMatchObject({ scheme: 2, wrappedKey: { iv: expect.any(Uint8Array), data: expect.any(Uint8Array) } })
    // Neither the raw key nor the verifier is the wrapped key's wrapping.
    expect(Buffer.from(row.wrappedKey!.data).toString('base64url')).not.toContain(DATA_KEY.slice(0, 16))
    const sealed = await sealText(signedIn, '13800138000')

    forgetDataKeys(db)
    expect(await unlockWithPin(db, CLERK.id, '480917')).toMatchObject({ ok: false, problem: 'wrong' })
    expect(heldDataKeys(db)).toBeNull()
    expect(await unlockWithPin(db, CLERK.id, PIN)).toEqual({ ok: true })
    await expect(openText(heldDataKeys(db)!, sealed)).resolves.toBe('13800138000')
  })

  it('wraps the key at hand on the next unlock of a PIN set before (scheme 1, no wrapped key)', async () => {
    const { salt, iterations } = await hashPin(PIN, 1000)
    const { pbkdf2Sync } = await import('node:crypto')
    const legacyHash = new Uint8Array(pbkdf2Sync(PIN, salt, iterations, 32, 'sha256'))
    await signedInHere(db)
    await db.pins.put({ userId: CLERK.id, salt, iterations, hash: legacyHash, failures: 0, lockedUntil: null })
    holdDataKeys(db, await importDataKey(DATA_KEY))
    expect(await unlockWithPin(db, CLERK.id, PIN)).toEqual({ ok: true })
    expect(await db.pins.get(CLERK.id)).toMatchObject({ scheme: 2, wrappedKey: expect.anything() })
    forgetDataKeys(db)
    expect(await unlockWithPin(db, CLERK.id, PIN)).toEqual({ ok: true })
    expect(heldDataKeys(db)).not.toBeNull()
  })
})
