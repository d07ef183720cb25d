import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { centerClock, residentIdCheckChar, type ServiceCalendar } from '../../src/domain'
import { CentralServer, DEMO_PASSWORD, clockFrom, eventually, launchBrowser, signIn, step, waitForServiceWorker } from './harness'

/**
 * 群众选时间 to 到号: a citizen books today's slot on the public page; a clerk's tablet pulls it while
 * online, loses the network, shows it on the day view, checks it in (intake filled from the booking),
 * and on reconnecting the case reaches the central system, which links the booking to it.
 */
let server: CentralServer
let browser: Browser
const first17 = '15060219850312004'
const ID_NUMBER = first17 + residentIdCheckChar(first17)
const MOBILE = '13904771234'
/**
 * The test's "now", whatever the hour it runs at: Saturday 28 November 2026, 10:00 in the centre.
 * The central server's booking and the clerk's browser both go by it (and run on from it), so
 * today's slots still to come are the same on every run. It lies in the past, so the sessions
 * the server hands out (by the real clock) are live for the browser too.
 */
const NOW = new Date('2026-11-28T02:00:00.000Z')
const today = centerClock(NOW).date
/** Two slots after NOW's: still to start while the citizen books. */
const slotStart = '10:20'
/** Service all day on every kind of day, in 10-minute slots, so today has slots still to come. */
function allDayCalendar(itemId: string): ServiceCalendar {
  const allDay = { start: '00:00', end: '23:50', itemIds: [itemId], capacity: 5 }
  return {
    slotMinutes: 10, closedDates: [],
    weekday: { open: '00:00', close: '23:50', lunch: { start: '12:00', end: '13:00', continuous: true }, capacity: 5 },
    weekend: [{ days: ['sat', 'sun'], ...allDay }],
    holiday: [allDay],
  }
}
let centerId = ''
let itemId = ''

beforeAll(async () => {
  server = await new CentralServer(clockFrom(NOW)).start()
  browser = await launchBrowser()
  const api = server.api.bind(server)
  const { body: { token } } = await api<{ token: string }>('/api/auth/login', { method: 'POST', json: { username: 'admin', password: DEMO_PASSWORD, deviceId: 'e2e-admin' } })
  const centers = await api<{ centers: { id: string, code: string }[] }>('/api/public/centers')
  centerId = centers.body.centers.find(c => c.code === 'ORD')!.id
  const items = await api<{ items: { id: string, code: string }[] }>(`/api/public/centers/${centerId}/items`)
  itemId = items.body.items.find(i => i.code === 'SI-001')!.id
  const saved = await api(`/api/centers/${centerId}/calendar`, { method: 'PUT', token, json: { baseVersion: 1, calendar: allDayCalendar(itemId) } })
  expect(saved.status).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

async function bookToday(): Promise<string> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const code = await step(page, 'citizen books today', async () => {
    await page.goto(`${server.url}/book/`)
    await page.getByTestId('center-ORD').click()
    await page.getByTestId('item-SI-001').click()
    await page.getByTestId(`day-${today}`).click()
    await page.getByTestId(`slot-${slotStart}`).click()
    await page.locator('input[name="name"]').fill('周丽')
    await page.locator('input[name="mobile"]').fill(MOBILE)
    await page.locator('input[name="idNumber"]').fill(ID_NUMBER)
    await page.getByTestId('consent').check()
    await page.getByTestId('submit-booking').click()
    return (await page.getByTestId('booking-code').textContent({ timeout: 15_000 }))!.trim()
  })
  await context.close()
  return code
}

const synced = (page: Page) => page.waitForFunction(
  () => document.querySelector('[data-testid="sync-pending"]')?.textContent?.trim() === '0', undefined, { timeout: 45_000 })

describe('an appointment checked in at an offline desk', () => {
  it('is shown offline, checked in with the intake filled from it, and linked to the case on the central system', async () => {
    const code = await bookToday()

    const clerkContext = await browser.newContext({ locale: 'zh-CN' })
    await clerkContext.clock.install({ time: NOW })
    const clerk = await signIn(clerkContext, server.url, 'ord-clerk1')
    await waitForServiceWorker(clerk)
    await clerk.getByTestId('sync-reachable').and(clerk.locator('[data-state="up"]')).waitFor()
    const row = clerk.getByTestId('appointment-row').and(clerk.locator(`[data-code="${code}"]`))
    await step(clerk, 'the appointment reaches the tablet while online', async () => {
      await clerk.getByTestId('nav-today').click()
      await row.waitFor({ timeout: 30_000 })
      // The calendar came too: the day view knows today's closing time.
      await expect.poll(() => clerk.getByTestId('today-date').textContent()).toContain('23:50')
    })

    await clerkContext.setOffline(true)
    const caseNo = await step(clerk, 'offline: the day view from the device, check-in, intake filled from the booking', async () => {
      await clerk.reload()
      await row.waitFor()
      expect(await row.getAttribute('data-status')).toBe('booked')
      expect(await row.textContent()).toContain(`${slotStart}–`)
      await row.getByTestId('appointment-check-in').click()
      await clerk.getByTestId('intake-from-appointment').waitFor()
      expect(await clerk.getByTestId('intake-from-appointment').textContent()).toContain(code)
      expect(await clerk.locator('input[name="applicantName"]').inputValue()).toBe('周丽')
      expect(await clerk.locator('input[name="idNumber"]').inputValue()).toBe(ID_NUMBER)
      expect(await clerk.locator('input[name="phone"]').inputValue()).toBe(MOBILE)
      expect(await clerk.locator('input[name="channel"][value="appointment"]').isChecked()).toBe(true)
      await clerk.getByTestId('intake-submit').click()
      return (await clerk.getByTestId('receipt-case-no').textContent({ timeout: 10_000 }))!.trim()
    })
    await step(clerk, 'offline: the appointment shows checked in at once, the case links back to it', async () => {
      await clerk.getByTestId('nav-today').click()
      await expect.poll(() => row.getAttribute('data-status')).toBe('checked_in')
      await row.getByTestId('appointment-case').click()
      await expect.poll(() => clerk.getByTestId('case-appointment').textContent()).toContain(code)
      expect(await clerk.getByTestId('detail-case-no').textContent()).toBe(caseNo)
    })
    expect(server.query('SELECT id FROM cases WHERE case_no = ?', caseNo)).toHaveLength(0)
    expect(server.query<{ status: string }>('SELECT status FROM bookings WHERE code = ?', code)).toEqual([{ status: 'booked' }])

    await clerkContext.setOffline(false)
    await step(clerk, 'reconnected: the case syncs', () => synced(clerk))
    await eventually(() => server.query('SELECT id FROM cases WHERE case_no = ?', caseNo).length === 1, 30_000, 'the case is on the central system')
    const [stored] = server.query<{ id: string, data: string }>('SELECT id, data FROM cases WHERE case_no = ?', caseNo)
    const [booking] = server.query<{ id: string, status: string, case_id: string | null }>('SELECT id, status, case_id FROM bookings WHERE code = ?', code)
    expect(booking).toMatchObject({ status: 'checked_in', case_id: stored!.id })
    expect(JSON.parse(stored!.data)).toMatchObject({ appointmentId: booking!.id, channel: 'appointment' })
    await clerkContext.close()
  })
})
