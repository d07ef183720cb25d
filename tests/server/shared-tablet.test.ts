import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { deviceIdentity } from '../../src/db/device'
import { setDevicePin, unlockWithPin } from '../../src/db/device-pins'
import { readDataScope } from '../../src/db/data-scope'
import { readRevocation } from '../../src/db/device-revocation'
import { readMeta, writeMeta } from '../../src/db/meta'
import { changesWaitingForSignIn, answeredEntries } from '../../src/db/outbox-queries'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import { SignInError, signInAtCentral, signOutAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { usableSessions } from '../../src/sync/sessions'
import { PERSON_INTAKE } from '../support/fixtures'
import { type TestServer, startServer } from './helpers'

/**
 * One tablet, people of different centres in turn, against the real server over HTTP: the device
 * holds one centre's citizens' data at a time, forgets it when the last person signs out, and
 * wipes itself when the central system revoked it.
 */
let server: TestServer
let tablets = 0
beforeAll(async () => { server = await startServer() })
afterAll(() => server.close())

const tablet = () => new ShiftDeskDB(`shared-tablet-${++tablets}`)
const signIn = (db: ShiftDeskDB, username: string) => signInAtCentral(db, server.url, username, DEMO_PASSWORD)
const centersOn = async (db: ShiftDeskDB) => new Set((await db.cases.toArray()).map(c => c.centerId))
const onServer = (id: string) => (server.sql.prepare('select count(*) as n from cases where id = ?').get(id) as { n: number }).n
const centerId = (code: string) => (server.sql.prepare('select id from centers where code = ?').get(code) as { id: string }).id
const serverCases = (code: string) => (server.sql.prepare('select count(*) as n from cases where center_id = ?').get(centerId(code)) as { n: number }).n

async function intake(db: ShiftDeskDB, session: Awaited<ReturnType<typeof signIn>>) {
  const item = (await db.serviceItems.toArray()).find(i => i.name === '个人征信报告打印')!
  return takeInCase(db, session.user, session.center, { ...PERSON_INTAKE, serviceItemId: item.id, materials: [] })
}

describe('a shared tablet, one centre at a time', () => {
  it('wipes 淮南’s cases when 兰州新区 signs in, pulls 兰州新区’s from the start, and pushes 淮南’s kept change when its author returns', async () => {
    const db = tablet()
    const hns = await signIn(db, 'hns-clerk1')
    await runSync(db, server.url)
    expect(await centersOn(db)).toEqual(new Set([hns.center.id]))
    const kept = await intake(db, hns) // taken in, not yet pushed
    await writeMeta(db, `intakeDraft:${hns.userId}`, { applicantName: '半填的表' })
    await signOutAtCentral(db, server.url, hns)
    // The last person signed out: citizens' data left, the waiting change stayed.
    expect([await db.cases.count(), await db.caseBases.count(), await db.appointments.count()]).toEqual([0, 0, 0])
    expect(await readMeta(db, `intakeDraft:${hns.userId}`, null)).toBeNull()
    expect(await db.outbox.count()).toBe(1)

    const lzx = await signIn(db, 'lzx-clerk1')
    expect(await readDataScope(db)).toBe(lzx.center.id)
    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'synced', pushed: 0, pending: 1 })
    expect(await centersOn(db)).toEqual(new Set([lzx.center.id]))
    expect(await db.cases.count()).toBe(serverCases('LZX'))
    expect(await db.cases.get(kept.id)).toBeUndefined()
    // Named and counted for 兰州新区's clerk, never shown.
    const waiting = await changesWaitingForSignIn(db, await usableSessions(db), await answeredEntries(db), lzx.center.id)
    expect(waiting).toEqual([{ actorId: hns.userId, actorName: hns.user.name, centerName: hns.center.name, otherScope: true, count: 1 }])
    expect(onServer(kept.id)).toBe(0)

    // 淮南's clerk signs in again: 兰州新区's cases go, 淮南's come back with the kept change, sent once.
    await signIn(db, 'hns-clerk1')
    expect(await db.cases.get(kept.id)).toMatchObject({ caseNo: kept.caseNo }) // shown again at once
    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'synced', pushed: 1, pending: 0 })
    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'synced', pushed: 0 })
    expect(onServer(kept.id)).toBe(1)
    expect(await centersOn(db)).toEqual(new Set([hns.center.id]))
    expect(await db.cases.count()).toBe(serverCases('HNS'))
  })

  it('pushes a colleague’s kept change of another centre without bringing that centre’s data back', async () => {
    const db = tablet()
    const hns = await signIn(db, 'hns-clerk2')
    await runSync(db, server.url)
    await setDevicePin(db, hns.userId, '135790')
    const kept = await intake(db, hns)
    await writeMeta(db, 'currentUserId', null) // locks: the session stays usable
    const lzx = await signIn(db, 'lzx-clerk2')
    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'synced', pushed: 1, pending: 0 })
    expect(onServer(kept.id)).toBe(1)
    expect(await centersOn(db)).toEqual(new Set([lzx.center.id]))
    expect(await db.caseBases.count()).toBe(0)

    // Unlocking as 淮南's clerk switches the tablet back: 兰州新区's cases go before anything shows.
    expect(await unlockWithPin(db, hns.userId, '135790')).toEqual({ ok: true })
    expect(await db.cases.count()).toBe(0)
    await runSync(db, server.url)
    expect(await centersOn(db)).toEqual(new Set([hns.center.id]))
    expect(await db.cases.get(kept.id)).toMatchObject({ version: 1 })
  })

  it('keeps citizens’ data while someone is still signed in; the last one out takes it', async () => {
    const db = tablet()
    const first = await signIn(db, 'ord-clerk1')
    const second = await signIn(db, 'ord-clerk2')
    await runSync(db, server.url)
    const held = await db.cases.count()
    expect(held).toBeGreaterThan(0)
    await signOutAtCentral(db, server.url, first)
    expect(await db.cases.count()).toBe(held)
    await signOutAtCentral(db, server.url, second)
    expect(await db.cases.count()).toBe(0)
    expect(await db.outbox.count()).toBe(0)
    expect(await readMeta(db, 'pullCursor', null)).toBeNull()
  })
})

describe('a revoked device', () => {
  it('wipes sessions, PINs and citizens’ data at its next sync, keeps what waits, and signs nobody in until reinstated', async () => {
    const db = tablet()
    const a = await signIn(db, 'jcs-clerk1')
    await runSync(db, server.url)
    await setDevicePin(db, a.userId, '246802')
    const kept = await intake(db, a)
    const { deviceId } = await deviceIdentity(db)
    server.sql.prepare('update devices set revoked_at = ? where id = ?').run(new Date().toISOString(), deviceId)

    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'revoked', pending: 1 })
    expect([await db.sessions.count(), await db.pins.count(), await db.cases.count(), await db.caseBases.count()]).toEqual([0, 0, 0, 0])
    expect(await readMeta(db, 'currentUserId', 'x')).toBeNull()
    expect((await db.outbox.toArray()).map(e => e.entityId)).toEqual([kept.id])
    expect(await readRevocation(db)).not.toBeNull()
    const waiting = await changesWaitingForSignIn(db, new Map(), [], null)
    expect(waiting).toEqual([{ actorId: a.userId, actorName: a.user.name, centerName: null, otherScope: true, count: 1 }])
    await expect(signIn(db, 'jcs-clerk1')).rejects.toEqual(new SignInError('deviceRevoked'))
    expect(await db.sessions.count()).toBe(0)

    server.sql.prepare('update devices set revoked_at = null where id = ?').run(deviceId)
    await signIn(db, 'jcs-clerk1')
    expect(await readRevocation(db)).toBeNull()
    expect(await runSync(db, server.url)).toMatchObject({ outcome: 'synced', pushed: 1, pending: 0 })
    expect(onServer(kept.id)).toBe(1)
  })

  it('ends a disabled person’s session on the device and keeps their changes waiting; a colleague’s still go', async () => {
    const db = tablet()
    const gone = await signIn(db, 'jcs-clerk2')
    await runSync(db, server.url)
    const theirs = await intake(db, gone)
    const colleague = await signIn(db, 'jcs-outreach')
    const mine = await intake(db, colleague)
    server.sql.prepare('update users set disabled_at = ? where username = ?').run(new Date().toISOString(), 'jcs-clerk2')
    await writeMeta(db, 'currentUserId', gone.userId)
    const report = await runSync(db, server.url)
    expect(report).toMatchObject({ outcome: 'synced', pushed: 1, pending: 1 })
    expect(onServer(mine.id)).toBe(1)
    expect(onServer(theirs.id)).toBe(0)
    expect(await db.sessions.get(gone.userId)).toMatchObject({ token: '', expired: true, ended: 'accountDisabled' })
    await expect(signIn(db, 'jcs-clerk2')).rejects.toEqual(new SignInError('accountDisabled'))
    server.sql.prepare('update users set disabled_at = null where username = ?').run('jcs-clerk2')
  })
})
