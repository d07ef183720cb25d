import { uuidv7 } from 'uuidv7'
import type { StaffUser } from '../../src/domain/roles'
import { hashPassword } from '../auth/password'
import { reserveSeqs } from '../store/sequence'
import type { Store } from '../store/store'
import { processMutations } from '../sync/apply-batch'
import { ServiceItemCache } from '../sync/service-items'
import { seedDemoCalendars } from './demo-calendars'
import { demoCatalogue } from './demo-catalogue'
import { type DemoStep, demoCaseSteps } from './demo-cases'
import { DEMO_CENTERS, DEMO_PASSWORD, demoAccounts } from './demo-org'
import { seededRandom } from './prng'

/**
 * Fills a new database with demo centres, accounts (flagged demo = 1), the catalogue and about 40
 * cases per centre (notes 演示数据, case numbers tagged DEMO0). All in one transaction: a failed
 * seed leaves an empty database, which is seeded again on the next start.
 */
export async function seedDemoIfEmpty(store: Store, auditKey: Buffer, now = new Date()): Promise<boolean> {
  if (await store.read(tx => tx.selectFrom('centers').select('id').limit(1).executeTakeFirst())) return false
  const centers = DEMO_CENTERS.map(center => ({ ...center, id: uuidv7() }))
  const accounts = demoAccounts()
  // Hashed in parallel (scrypt runs on libuv's thread pool), outside the transaction.
  const hashes = await Promise.all(accounts.map(() => hashPassword(DEMO_PASSWORD)))
  const users: StaffUser[] = accounts.map(account => ({
    id: uuidv7(), username: account.username, name: account.name, role: account.role,
    centerId: centers.find(c => c.code === account.centerCode)!.id,
  }))
  const items = demoCatalogue(uuidv7)
  const random = seededRandom(20261128)

  await store.write(async (trx) => {
    await trx.insertInto('centers').values(centers.map(c => ({ id: c.id, code: c.code, name: c.name, name_en: c.nameEn }))).execute()
    await trx.insertInto('users').values(users.map((u, i) => ({
      id: u.id, username: u.username, name: u.name, role: u.role, center_id: u.centerId, password_hash: hashes[i]!, demo: 1,
    }))).execute()
    const firstSeq = await reserveSeqs(trx, items.length)
    await trx.insertInto('service_items')
      .values(items.map((item, i) => ({ id: item.id, code: item.code, data: JSON.stringify(item), version: item.version, seq: firstSeq + i })))
      .execute()
    await seedDemoCalendars(trx, centers, items, now)
    const steps: DemoStep[] = centers.flatMap((center) => {
      const staff = users.filter(u => u.centerId === center.id && u.role !== 'admin')
      const [clerk1, clerk2, outreach, supervisor] = staff
      return demoCaseSteps(random, center, { clerks: [clerk1!, clerk2!], outreach: outreach!, supervisor: supervisor! }, items, now)
    })
    const actors = new Map(steps.map(step => [step.mutation.id, step.actor]))
    // The same apply path as a push (validation, versions, seq, audit entries), inside this transaction.
    const { results } = await processMutations(trx, new ServiceItemCache(), m => actors.get(m.id)!, steps.map(s => s.mutation), m => ({ now: m.clientTime }), auditKey)
    const failed = results.find(r => r.status !== 'applied')
    if (failed) throw new Error(`Demo seed produced an invalid case: ${JSON.stringify(failed)}`)
  })
  return true
}

/** The demo accounts with their centres, for the start-up banner. */
export function demoSignIns(store: Store) {
  return store.read(tx => tx.selectFrom('users').innerJoin('centers', 'centers.id', 'users.center_id')
    .select(['users.username', 'users.role', 'users.name', 'centers.code', 'centers.name as centerName'])
    .where('users.demo', '=', 1).orderBy('centers.code').orderBy('users.username').execute())
}
