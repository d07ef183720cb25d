import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../src/domain'
import { CentralServer, launchBrowser, signIn, step, waitForServiceWorker } from './harness'

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

const first17 = '15060219900101077'

describe('the case list after an intake', () => {
  it('shows the case just taken in at the top when the clerk goes back to the list, without a reload', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } })
    const page = await signIn(context, server.url, 'ord-clerk1')
    await waitForServiceWorker(page)
    // The list has been shown (its window is kept while the clerk is elsewhere).
    await page.getByTestId('case-row').first().waitFor()

    await page.getByTestId('nav-intake').click()
    await page.locator('input[name="applicantName"]').fill('欧阳娜娜')
    await page.locator('input[name="idNumber"]').fill(first17 + residentIdCheckChar(first17))
    await page.locator('input[name="phone"]').fill('13800138077')
    await page.locator('input[name="serviceItemSearch"]').fill('征信')
    await page.getByRole('option', { name: /个人征信报告打印/ }).click()
    await page.locator('input[name="windowNo"]').fill('3')
    await page.getByTestId('intake-submit').click()
    const caseNo = (await page.getByTestId('receipt-case-no').textContent({ timeout: 10_000 }))!.trim()

    await step(page, 'back to the list', async () => {
      await page.getByTestId('nav-cases').click()
      await page.getByTestId('case-row').filter({ hasText: caseNo }).waitFor({ timeout: 5_000 })
    })
    await expect(page.getByTestId('case-row').first().textContent()).resolves.toContain(caseNo)
    await context.close()
  })
})
