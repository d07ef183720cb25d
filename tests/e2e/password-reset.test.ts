import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CentralServer, DEMO_PIN, eventually, launchBrowser, signIn, step, takeIn } from './harness'

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

const NEW_PASSWORD = 'Huang-he-2026-jiu-qu'

describe('a password reset, from the administrator to the clerk at work', () => {
  it('the clerk signs in with the one-time password, must change it, then works', async () => {
    const adminContext = await browser.newContext({ locale: 'zh-CN' })
    const clerkContext = await browser.newContext({ locale: 'zh-CN' })
    const admin = await signIn(adminContext, server.url, 'admin')

    const oneTime = await step(admin, 'the administrator resets ord-clerk2’s password', async () => {
      await admin.getByTestId('nav-staff').click()
      const row = admin.locator('[data-testid="staff-row"][data-username="ord-clerk2"]')
      await row.getByTestId('staff-reset').click()
      await row.getByTestId('staff-confirm-yes').click()
      return (await admin.getByTestId('one-time-value').textContent({ timeout: 15_000 }))!.trim()
    })
    expect(oneTime).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)

    const clerk = await clerkContext.newPage()
    await step(clerk, 'the clerk signs in with it and is sent to change it', async () => {
      await clerk.goto(`${server.url}/signin`)
      await clerk.locator('input[name="username"]').fill('ord-clerk2')
      await clerk.locator('input[name="password"]').fill(oneTime)
      await clerk.locator('button[type="submit"]').click()
      await clerk.getByTestId('password-submit').waitFor({ timeout: 15_000 })
      // Nothing else opens until it is changed.
      await clerk.goto(`${server.url}/cases/new`)
      await clerk.getByTestId('password-submit').waitFor()
    })

    await step(clerk, 'the clerk changes it, sets a PIN and works', async () => {
      await clerk.getByTestId('password-current').fill(oneTime)
      await clerk.getByTestId('password-new').fill('shiftdesk-demo')
      await clerk.getByTestId('password-repeat').fill('shiftdesk-demo')
      await clerk.getByTestId('password-submit').click()
      await clerk.locator('#pw-new-error').waitFor()
      await clerk.getByTestId('password-new').fill(NEW_PASSWORD)
      await clerk.getByTestId('password-repeat').fill(NEW_PASSWORD)
      await clerk.getByTestId('password-submit').click()
      await clerk.getByTestId('pin-setup').waitFor({ timeout: 15_000 })
      await clerk.getByTestId('pin-input').fill(DEMO_PIN)
      await clerk.getByTestId('pin-setup-restart').waitFor()
      await clerk.getByTestId('pin-input').fill(DEMO_PIN)
      await clerk.getByTestId('nav-intake').waitFor()
    })
    const caseNo = await step(clerk, 'intake syncs', () => takeIn(clerk, '陈晓', 7))
    await eventually(() => server.query('SELECT id FROM cases WHERE case_no = ?', caseNo).length === 1, 45_000, 'the case reached the central system')
    const user = server.query<{ must_change_password: number }>('SELECT must_change_password FROM users WHERE username = ?', 'ord-clerk2')[0]!
    expect(user.must_change_password).toBe(0)
    await adminContext.close()
    await clerkContext.close()
  })
})
