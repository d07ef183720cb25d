import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../src/domain'
import { CentralServer, eventually, launchBrowser, signIn, step } from './harness'

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

const first17 = '15060219850312004'
const ID_NUMBER = first17 + residentIdCheckChar(first17)
const synced = (page: Page) => page.waitForFunction(
  () => document.querySelector('[data-testid="sync-pending"]')?.textContent?.trim() === '0', undefined, { timeout: 45_000 })

describe('a case that needs approval, from an offline weekend desk to the supervisor and back', () => {
  it('reaches the supervisor after the clerk reconnects; the approval reaches the clerk’s device', async () => {
    const clerkContext = await browser.newContext({ locale: 'zh-CN' })
    const superContext = await browser.newContext({ locale: 'zh-CN' })
    const clerk = await signIn(clerkContext, server.url, 'ord-clerk1')
    const supervisor = await signIn(superContext, server.url, 'ord-super')
    await clerk.getByTestId('sync-reachable').and(clerk.locator('[data-state="up"]')).waitFor()
    await supervisor.getByTestId('nav-approvals').waitFor()

    await synced(supervisor)
    // The clerk's tablet loses the network; the supervisor's does not.
    await clerkContext.setOffline(true)
    const caseNo = await step(clerk, 'offline intake of an approval item', async () => {
      await clerk.getByTestId('nav-intake').click()
      await clerk.locator('input[name="applicantName"]').fill('周丽')
      await clerk.locator('input[name="idNumber"]').fill(ID_NUMBER)
      await clerk.locator('input[name="phone"]').fill('13904771234')
      await clerk.locator('input[name="serviceItemSearch"]').fill('残疾人证')
      await clerk.getByRole('option', { name: /残疾人证办理/ }).click()
      await clerk.locator('input[name="windowNo"]').fill('5')
      await clerk.getByTestId('intake-submit').click()
      const no = (await clerk.getByTestId('receipt-case-no').textContent({ timeout: 10_000 }))!.trim()
      await clerk.getByTestId('receipt-view').click()
      await clerk.getByTestId('action-submitForApproval').click()
      await clerk.getByTestId('status-badge').and(clerk.locator('[data-status="pending_approval"]')).waitFor()
      return no
    })
    expect(server.query('SELECT id FROM cases WHERE case_no = ?', caseNo)).toHaveLength(0)

    await clerkContext.setOffline(false)
    await step(clerk, 'clerk reconnects and syncs', () => synced(clerk))

    await step(supervisor, 'supervisor sees it arrive and approves', async () => {
      await supervisor.getByTestId('sync-now').click()
      const arrivals = supervisor.getByTestId('arrivals')
      await arrivals.filter({ hasText: caseNo }).waitFor({ timeout: 30_000 })
      expect(await arrivals.textContent()).toContain('1 件待审批办件已到达（来自 1 台设备）')
      expect(await supervisor.getByTestId('nav-approvals-count').textContent()).toMatch(/\d+/)
      await supervisor.getByTestId('arrivals-open').click()
      const row = supervisor.getByTestId('queue-row').filter({ hasText: caseNo })
      await row.getByTestId('queue-approve').click()
      await row.waitFor({ state: 'detached' })
      await synced(supervisor)
    })
    await eventually(() => server.query<{ status: string }>('SELECT status FROM cases WHERE case_no = ?', caseNo)[0]?.status === 'approved',
      30_000, 'the central system has the approval')

    await step(clerk, 'the clerk’s device shows it approved after its next pull', async () => {
      await clerk.getByTestId('sync-now').click()
      await clerk.getByTestId('status-badge').and(clerk.locator('[data-status="approved"]')).waitFor({ timeout: 30_000 })
      await clerk.getByTestId('history-entry').filter({ hasText: '审批通过' }).waitFor()
    })
    await clerkContext.close()
    await superContext.close()
  })
})
