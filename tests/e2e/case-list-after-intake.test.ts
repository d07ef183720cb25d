import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CentralServer, launchBrowser, signIn, step, takeIn, waitForServiceWorker } from './harness'

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

describe('the case list after an intake', () => {
  it('shows the case just taken in at the top when the clerk goes back to the list, without a reload', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } })
    const page = await signIn(context, server.url, 'ord-clerk1')
    await waitForServiceWorker(page)
    // The list has been shown (its window is kept while the clerk is elsewhere).
    await page.getByTestId('case-row').first().waitFor()

    const caseNo = await takeIn(page, '欧阳娜娜', 9)

    await step(page, 'back to the list', async () => {
      await page.getByTestId('nav-cases').click()
      await page.getByTestId('case-row').filter({ hasText: caseNo }).waitFor({ timeout: 5_000 })
    })
    await expect(page.getByTestId('case-row').first().textContent()).resolves.toContain(caseNo)
    await context.close()
  })
})
