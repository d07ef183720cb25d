import 'fake-indexeddb/auto'
import type { Page } from 'playwright-core'
import { takeInCase } from '../../src/db/case-writes'
import { ShiftDeskDB } from '../../src/db/database'
import { residentIdCheckChar } from '../../src/domain'
import { signInAtCentral } from '../../src/sync/central-auth'
import { runSync } from '../../src/sync/run-sync'
import { DEMO_PASSWORD } from './harness'

const TABLES = ['cases', 'caseBases', 'outbox'] as const

/**
 * Makes `count` intakes with the app's own write code (in Node, as `username`, against the real
 * server's catalogue) and copies the rows it wrote into the browser's device database: the tablet
 * then holds exactly what the app would have written, without typing `count` forms.
 */
export async function seedWaitingIntakes(page: Page, serverUrl: string, username: string, count: number): Promise<string[]> {
  const db = new ShiftDeskDB(`seed-${Date.now()}`)
  // The changes are made as the tablet's own: the server takes a batch only from the device its session signed in on.
  const device = await page.evaluate(async () => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('shiftdesk')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const row = await new Promise<{ value: unknown } | undefined>((resolve, reject) => {
      const get = idb.transaction('meta').objectStore('meta').get('device')
      get.onsuccess = () => resolve(get.result as { value: unknown } | undefined)
      get.onerror = () => reject(get.error)
    })
    idb.close()
    return row?.value
  })
  if (!device) throw new Error('the tablet has no device identity yet: sign in first')
  await db.meta.put({ key: 'device', value: device })
  const { user, center } = await signInAtCentral(db, serverUrl, username, DEMO_PASSWORD)
  await runSync(db, serverUrl)
  const item = (await db.serviceItems.toArray()).find(i => i.name === '个人征信报告打印')!
  const caseNos: string[] = []
  for (let i = 0; i < count; i++) {
    const first17 = `62030219850601${String(i).padStart(3, '0')}`
    const record = await takeInCase(db, user, center, {
      applicantType: 'person', applicantName: `测试${i}`, idNumber: first17 + residentIdCheckChar(first17), contactName: '',
      phone: '13900139000', serviceItemId: item.id, materials: [], channel: 'outreach', windowNo: '', notes: '',
    })
    caseNos.push(record.caseNo)
  }
  const rows = Object.fromEntries(await Promise.all(TABLES.map(async t => [t, await db.table(t).toArray()])))
  db.close()
  await page.evaluate(async (tables: Record<string, unknown[]>) => {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('shiftdesk')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const tx = idb.transaction([...Object.keys(tables), 'caseCounts'], 'readwrite')
    for (const [table, list] of Object.entries(tables)) {
      // Outbox sequence numbers are the device's own: let the store number them, in order.
      for (const row of list) {
        const { seq: _seq, ...rest } = row as { seq?: number }
        tx.objectStore(table).put(table === 'outbox' ? rest : row)
      }
    }
    // Raw writes pass the app's counter middleware by: recount the status chips from the index, as the app's v3 upgrade does.
    const byStatus = tx.objectStore('cases').index('[status+receivedAt]')
    const counts = new Map<string, number>()
    const cursor = byStatus.openKeyCursor()
    await new Promise<void>((resolve, reject) => {
      cursor.onsuccess = () => {
        const c = cursor.result
        if (!c) return resolve()
        const status = (c.key as [string, string])[0]
        counts.set(status, (counts.get(status) ?? 0) + 1)
        c.continue()
      }
      cursor.onerror = () => reject(cursor.error)
    })
    const countStore = tx.objectStore('caseCounts')
    countStore.clear()
    for (const [status, count] of counts) countStore.put({ status, count })
    await new Promise<void>((resolve, reject) => { tx.oncomplete = () => resolve(); tx.onerror = () => reject(tx.error) })
    idb.close()
  }, rows)
  return caseNos
}
