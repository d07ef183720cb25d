import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CuttingProxy } from './cutting-proxy'
import { CentralServer, eventually, launchBrowser, pendingCount, signIn, step, waitForServiceWorker } from './harness'
import { seedWaitingIntakes } from './seed-device'

let server: CentralServer
let proxy: CuttingProxy
let browser: Browser

beforeAll(async () => {
  server = await new CentralServer().start()
  proxy = await new CuttingProxy(() => server.port).listen()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await proxy?.close()
  await server?.dispose()
})

const waitForNothingPending = (page: import('playwright-core').Page) => page.waitForFunction(
  () => document.querySelector('[data-testid="sync-pending"]')?.textContent?.trim() === '0', undefined, { timeout: 45_000 })

/** How often the central system applied a change to these cases: each create must be applied exactly once. */
function appliedCreates(caseNos: string[]) {
  const placeholders = caseNos.map(() => '?').join(',')
  return server.query<{ case_no: string, n: number }>(
    `SELECT cases.case_no, count(mutations.id) AS n FROM cases JOIN mutations ON mutations.entity_id = cases.id
     WHERE mutations.op = 'case.create' AND mutations.status = 'applied' AND cases.case_no IN (${placeholders}) GROUP BY cases.case_no`, ...caseNos)
}

describe('sync under faults, in the browser', () => {
  it('loses nothing and doubles nothing when the central system stops in the middle of a push of 200 changes', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await signIn(context, proxy.url, 'ord-clerk1')
    await waitForServiceWorker(page)
    proxy.offline = true
    const caseNos = await seedWaitingIntakes(page, server.url, 'ord-clerk1', 200)

    // The next push reaches the server, which commits it and then goes away before answering.
    proxy.cutNextPush(() => server.stop())
    proxy.offline = false
    await page.reload()
    await step(page, 'push cut off', async () => {
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-reachable"]')?.getAttribute('data-state') === 'down', undefined, { timeout: 30_000 })
    })
    expect(proxy.cuts).toBe(1)
    // The batch landed, but the tablet was never told: all 200 still wait on the device.
    expect(await pendingCount(page)).toBe(200)
    expect(appliedCreates(caseNos)).toHaveLength(200)

    await server.start()
    await step(page, 'replay after restart', () => waitForNothingPending(page))
    const applied = appliedCreates(caseNos)
    expect(applied).toHaveLength(200)
    expect(applied.every(row => row.n === 1)).toBe(true)
    await context.close()
  })

  it('sends changes left waiting in a closed tab once the app is opened again', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await signIn(context, proxy.url, 'ord-clerk2')
    await waitForServiceWorker(page)
    proxy.offline = true
    const seeded = await seedWaitingIntakes(page, server.url, 'ord-clerk2', 5)
    await page.close() // closed with 5 changes waiting and the central system out of reach

    proxy.offline = false
    const reopened = await context.newPage()
    await reopened.goto(proxy.url)
    await step(reopened, 'reopened tab syncs', async () => {
      await eventually(() => appliedCreates(seeded).length === 5, 45_000, 'all 5 changes on the server')
      await waitForNothingPending(reopened)
    })
    const applied = appliedCreates(seeded)
    expect(applied).toHaveLength(5)
    expect(applied.every(row => row.n === 1)).toBe(true)
    await context.close()
  })
})
