import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CentralServer, launchBrowser, pendingCount, signIn, step, takeIn, waitForServiceWorker } from './harness'

let server: CentralServer
let browser: Browser

beforeAll(async () => {
  server = await new CentralServer().start()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

const reachable = (page: Page) => page.getByTestId('sync-reachable').getAttribute('data-state')

/** A clerk's tablet signed in, its service worker in control and the catalogue on it (a sync went through). */
async function tabletReady(username: string): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN' })
  const page = await signIn(context, server.url, username)
  await waitForServiceWorker(page)
  await page.getByTestId('sync-reachable').and(page.locator('[data-state="up"]')).waitFor()
  return { context, page }
}

describe('a window clerk works through an outage of the central system', () => {
  it('takes in 3 cases offline, keeps them across a reload, and syncs them exactly once', async () => {
    // The catalogue has reached the device before the link goes down.
    const { context: clerk, page } = await tabletReady('ord-clerk1')

    await server.stop()
    const caseNos: string[] = []
    for (const [i, name] of ['刘洋', '陈静', '杨帆'].entries())
      caseNos.push(await step(page, `offline intake ${i + 1}`, () => takeIn(page, name, i + 1)))
    expect(new Set(caseNos).size).toBe(3)

    // With the central system still down, the app comes back from the service worker.
    await page.reload()
    await page.getByTestId('nav-cases').click()
    // The list fills from the device database a moment after the page shows: wait, then count.
    for (const caseNo of caseNos) await page.getByTestId('case-row').filter({ hasText: caseNo }).waitFor()
    for (const caseNo of caseNos) await expect(page.getByTestId('case-row').filter({ hasText: caseNo }).count()).resolves.toBe(1)
    expect(await pendingCount(page)).toBe(3)
    await expect(reachable(page)).resolves.toBe('down')

    await server.start()
    await page.waitForFunction(() => document.querySelector('[data-testid="sync-pending"]')?.textContent?.trim() === '0', undefined, { timeout: 30_000 })

    // Exactly 3 cases from this tablet (its tag is in the case number), each created exactly once.
    const tag = caseNos[0]!.split('-')[2]
    const stored = server.query<{ case_no: string }>('SELECT case_no FROM cases WHERE case_no LIKE ? ORDER BY case_no', `%-${tag}-%`)
    expect(stored.map(row => row.case_no)).toEqual([...caseNos].sort())
    const creates = server.query<{ n: number }>(
      `SELECT count(*) AS n FROM mutations JOIN cases ON cases.id = mutations.entity_id
       WHERE mutations.op = 'case.create' AND mutations.status = 'applied' AND cases.case_no LIKE ?`, `%-${tag}-%`)
    expect(creates[0]!.n).toBe(3)

    // A colleague at the same centre sees them on their own device.
    const colleague = await browser.newContext({ locale: 'zh-CN' })
    const other = await signIn(colleague, server.url, 'ord-clerk2')
    for (const caseNo of caseNos) await other.getByTestId('case-row').filter({ hasText: caseNo }).waitFor({ timeout: 30_000 })
    await clerk.close()
    await colleague.close()
  })
})

describe('a tablet that loses its own network (the browser offline, the central system up)', () => {
  it('says it is offline, takes a case in and shows it waiting, and sends it exactly once when the network is back', async () => {
    const { context, page } = await tabletReady('ord-clerk2')

    await context.setOffline(true)
    await step(page, 'offline: the header says the central system cannot be reached', () =>
      expect.poll(() => reachable(page), { timeout: 15_000 }).toBe('down'))
    const caseNo = await step(page, 'offline: intake', () => takeIn(page, '赵敏', 7))
    await step(page, 'offline: the change waits on the device', async () => {
      await expect.poll(() => pendingCount(page)).toBe(1)
      await page.getByTestId('nav-outbox').click()
      await page.getByTestId('outbox-pending').filter({ hasText: caseNo }).waitFor()
    })
    expect(server.query('SELECT id FROM cases WHERE case_no = ?', caseNo)).toEqual([])

    await context.setOffline(false)
    await step(page, 'online again: the change is sent and the header says so', async () => {
      await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(0)
      await page.getByTestId('outbox-empty').waitFor()
      await expect.poll(() => reachable(page)).toBe('up')
    })
    const [stored] = server.query<{ id: string }>('SELECT id FROM cases WHERE case_no = ?', caseNo)
    expect(stored).toBeDefined()
    // The page's round (on "online") and the worker's Background Sync may both send it: applied once.
    expect(server.query<{ op: string, status: string }>('SELECT op, status FROM mutations WHERE entity_id = ?', stored!.id))
      .toEqual([{ op: 'case.create', status: 'applied' }])
    expect(server.query<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE case_id = ?', stored!.id)).toEqual([{ n: 1 }])
    await context.close()
  })
})
