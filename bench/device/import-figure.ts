import Dexie from 'dexie'
import { MAX_PULL, type PullResponse } from '../../src/domain'
import { pullChanges } from '../../src/sync/pull-changes'
import { fakeCaseRecords } from '../shared/fake-cases'
import { seeded } from '../shared/fake-people'
import { deleteDeviceDb, deviceDb, signedIn, timeRawPuts } from './device-dbs'

/**
 * "Import 10,000 cases": pullChanges — the device's real pull path (answer parsed and checked
 * against the protocol schema, each page stored in one transaction with strict durability) — over
 * pages the central server would send, answered from memory by a stubbed fetch. So this times the
 * device's work only: JSON parsing, validation and the IndexedDB writes, not the network or server.
 */
export async function importPulled(fromDb: string, toDb: string, count: number, seed = 4): Promise<{ ms: number, stored: number }> {
  const source = deviceDb(fromDb)
  const { user, center, items } = await signedIn(source)
  const target = deviceDb(toDb)
  const sessions = await source.sessions.toArray()
  await target.transaction('rw', target.sessions, target.serviceItems, target.meta, async () => {
    await target.sessions.bulkPut(sessions)
    await target.serviceItems.bulkPut(items)
    await target.meta.put({ key: 'currentUserId', value: user.id })
  })
  const records = fakeCaseRecords(seeded(seed), count, { center, items, staff: [user] })
  const pages: string[] = []
  for (let i = 0; i < count; i += MAX_PULL) {
    const changes = records.slice(i, i + MAX_PULL).map(data => ({ entity: 'case', id: data.id, version: data.version, data }))
    const body: PullResponse = { changes: changes as PullResponse['changes'], cursor: `p${i + MAX_PULL}`, hasMore: i + MAX_PULL < count }
    pages.push(JSON.stringify(body))
  }
  const realFetch = window.fetch
  window.fetch = async (input) => {
    const url = new URL(String(input), location.href)
    const from = Number((url.searchParams.get('cursor') || 'p0').slice(1))
    return new Response(pages[from / MAX_PULL], { headers: { 'content-type': 'application/json' } })
  }
  try {
    const started = performance.now()
    const received = await pullChanges(target, '')
    const ms = performance.now() - started
    if (received !== count) throw new Error(`import stored ${received} of ${count}`)
    return { ms, stored: await target.cases.count() }
  }
  finally { window.fetch = realFetch }
}

/**
 * The floor under "import": the same rows put straight into IndexedDB (a transaction of 1,000 with
 * strict durability, as each pulled page), with no app code, parsing or checks. What the app adds
 * on top of this is its own cost. `indexes`: 'app' puts them into the app's cases store with all
 * its indexes; 'none' into a store of its own with no index at all, which is what IndexedDB costs
 * per row before any index.
 */
export async function importFloor(fromDb: string, toDb: string, count: number, indexes: 'app' | 'none' = 'app', seed = 4): Promise<{ ms: number }> {
  const { user, center, items } = await signedIn(deviceDb(fromDb))
  const records = fakeCaseRecords(seeded(seed), count, { center, items, staff: [user] })
  const target = indexes === 'app' ? deviceDb(toDb) : new Dexie(toDb)
  if (indexes === 'none') target.version(1).stores({ cases: 'id' })
  await target.open() // made with the schema, then used without Dexie
  try { return { ms: await timeRawPuts(target.backendDB(), 'cases', records, MAX_PULL) } }
  finally {
    if (indexes === 'app') await deleteDeviceDb(toDb)
    else await target.delete()
  }
}
