import { caseWriteTables, takeInCase } from '../../src/db/case-writes'
import { setDevicePin } from '../../src/db/device-pins'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { fakeCaseRecords, fakeIntake } from '../shared/fake-cases'
import { seeded } from '../shared/fake-people'
import { deviceDb, signedIn, withRelaxedDurability } from './device-dbs'

export const DEMO_PASSWORD = 'shiftdesk-demo'
export const BENCH_PIN = '258036'

/** A new device: the staff member signs in at the central server and the first sync runs. */
export async function signInDevice(dbName: string, username: string, pin = false) {
  const db = deviceDb(dbName)
  const session = await signInAtCentral(db, '', username, DEMO_PASSWORD)
  // The app asks for a PIN on the first sign-in; with one set it opens straight on the case list.
  if (pin) await setDevicePin(db, session.userId, BENCH_PIN)
  return runSync(db, '')
}

/**
 * Stores `count` realistic cases of the signed-in user's centre, in chunks with bulkPut (the way
 * pulled pages are stored). Returns the time it took, for the log only.
 */
export async function seedCases(dbName: string, count: number, seed = 1): Promise<number> {
  const db = deviceDb(dbName)
  const { user, center, items } = await signedIn(db)
  const staff = [user, { ...user, id: `${user.id}-b`, name: '李华' }, { ...user, id: `${user.id}-c`, name: '王芳' }]
  const started = performance.now()
  const random = seeded(seed)
  const CHUNK = 5_000
  const seqs = new Map<string, number>()
  for (let done = 0; done < count; done += CHUNK) {
    const rows = fakeCaseRecords(random, Math.min(CHUNK, count - done), { center, items, staff, seqs })
    await withRelaxedDurability(db, () => db.cases.bulkPut(rows))
  }
  return performance.now() - started
}

/** Real intakes by the app's write code: each one a case plus its pending outbox mutation. */
export async function seedWaitingIntakes(dbName: string, count: number, seed = 2): Promise<number> {
  const db = deviceDb(dbName)
  const { user, center, items } = await signedIn(db)
  const random = seeded(seed)
  const started = performance.now()
  // The app's intake code, 200 intakes to a transaction: each intake's own transaction joins the
  // outer one, so seeding waits for one commit per 200 instead of one per intake.
  await withRelaxedDurability(db, async () => {
    for (let i = 0; i < count; i += 200) {
      await db.transaction('rw', caseWriteTables(db), async () => {
        for (let j = i; j < Math.min(count, i + 200); j++) await takeInCase(db, user, center, fakeIntake(random, center, items))
      })
    }
  })
  return performance.now() - started
}

/** Search terms a clerk would type, taken from stored cases: full ID, full case number, name prefix. */
export async function sampleSearches(dbName: string, count: number) {
  const db = deviceDb(dbName)
  const total = await db.cases.count()
  const random = seeded(99)
  const picks = []
  for (let i = 0; i < count; i++) {
    const record = (await db.cases.orderBy('id').offset(Math.floor(random() * total)).first())!
    picks.push({ idNumber: record.idNumber, caseNo: record.caseNo, namePrefix: [...record.applicantName].slice(0, 2).join('') })
  }
  return picks
}
