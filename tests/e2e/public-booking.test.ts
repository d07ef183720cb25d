import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, centerClock, residentIdCheckChar, type ServiceCalendar } from '../../src/domain'
import { CentralServer, DEMO_PASSWORD, launchBrowser, step } from './harness'

/**
 * A citizen books on the public page (/book/) of the real server, built as it ships: no sign-in,
 * a phone-sized window. One place a slot, so the second booking of a slot meets "full".
 */
let server: CentralServer
let browser: Browser
let centerId: string
let itemId: string
/** Two days ahead: in the booking window, and its slots have not started whatever the time now. */
const day = addDays(centerClock(new Date()).date, 2)
const idNumber = (first17: string) => first17 + residentIdCheckChar(first17)
const ID_NUMBER = idNumber('15060219850312004')

async function api<T>(path: string, init: { method?: string, token?: string, json?: unknown } = {}): Promise<{ status: number, body: T }> {
  const response = await fetch(server.url + path, {
    method: init.method ?? 'GET',
    headers: { ...(init.json ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.json ? JSON.stringify(init.json) : undefined,
  })
  return { status: response.status, body: await response.json() as T }
}

beforeAll(async () => {
  server = await new CentralServer().start()
  browser = await launchBrowser()
  const { body: { token } } = await api<{ token: string }>('/api/auth/login', { method: 'POST', json: { username: 'admin', password: DEMO_PASSWORD, deviceId: 'e2e-admin' } })
  const centers = await api<{ centers: { id: string, code: string }[] }>('/api/public/centers')
  centerId = centers.body.centers.find(c => c.code === 'ORD')!.id
  const items = await api<{ items: { id: string, code: string }[] }>(`/api/public/centers/${centerId}/items`)
  itemId = items.body.items.find(i => i.code === 'SI-001')!.id
  // One place in every slot, on every kind of day, so the day two days ahead has slots whatever it is.
  const session = { start: '09:00', end: '12:00', itemIds: [itemId], capacity: 1 }
  const calendar: ServiceCalendar = {
    slotMinutes: 30, closedDates: [],
    weekday: { open: '09:00', close: '17:00', lunch: { start: '12:00', end: '13:30', continuous: true }, capacity: 1 },
    weekend: [{ days: ['sat', 'sun'], ...session }],
    holiday: [session],
  }
  const saved = await api(`/api/centers/${centerId}/calendar`, { method: 'PUT', token, json: { baseVersion: 1, calendar } })
  expect(saved.status).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  page.on('pageerror', error => console.error('[booking page] page error:', error.message))
  await page.goto(`${server.url}/book/`)
  return page
}

/** Centre → item → the day → the slot starting at `start`. */
async function chooseSlot(page: Page, start: string): Promise<void> {
  await page.getByTestId('center-ORD').click()
  await page.getByTestId('item-SI-001').click()
  await page.getByTestId(`day-${day}`).click()
  await page.getByTestId(`slot-${start}`).click()
}

async function fillPerson(page: Page, name: string, mobile: string, id = ID_NUMBER): Promise<void> {
  await page.locator('input[name="name"]').fill(name)
  await page.locator('input[name="mobile"]').fill(mobile)
  await page.locator('input[name="idNumber"]').fill(id)
}

describe('the public booking page', () => {
  it('books a slot and gives a code that looks the booking up', async () => {
    const page = await openPage()
    const code = await step(page, 'book a slot', async () => {
      await chooseSlot(page, '09:00')
      // A wrong ID number is caught when the field is left, and the input stays.
      await page.locator('input[name="idNumber"]').fill('150602198503120040')
      await page.locator('input[name="name"]').focus()
      await expect.poll(() => page.getByTestId('error-idNumber').textContent()).toContain('校验位')
      expect(await page.locator('input[name="idNumber"]').getAttribute('aria-describedby')).toContain('field-idNumber-error')
      await fillPerson(page, '周丽', '13904771234')
      // Without the consent tick nothing is sent: the box says why, and what was typed stays.
      await page.getByTestId('submit-booking').click()
      await expect.poll(() => page.getByTestId('error-consent').textContent()).toContain('勾选同意')
      expect(await page.locator('input[name="name"]').inputValue()).toBe('周丽')
      expect(server.query('SELECT id FROM bookings')).toHaveLength(0)
      await page.getByTestId('consent').check()
      await expect.poll(() => page.getByTestId('error-consent').count()).toBe(0)
      await page.getByTestId('submit-booking').click()
      return (await page.getByTestId('booking-code').textContent({ timeout: 15_000 }))!.trim()
    })
    expect(code).toMatch(/^[A-Z2-9]{8}$/)
    expect(await page.getByTestId('summary-status').textContent()).toBe('已预约')
    expect(await page.getByTestId('summary').textContent()).toContain('1506**********')
    const stored = server.query<{ status: string, slot_start: string, date: string }>('SELECT status, slot_start, date FROM bookings WHERE code = ?', code)
    expect(stored).toEqual([{ status: 'booked', slot_start: '09:00', date: day }])

    await step(page, 'look the booking up by code and mobile', async () => {
      await page.getByTestId('tab-lookup').click()
      await page.locator('input[name="code"]').fill(code.toLowerCase())
      await page.locator('input[name="lookupMobile"]').fill('139 0477 1234')
      await page.getByTestId('lookup-submit').click()
      await page.getByTestId('summary').waitFor()
      expect(await page.getByTestId('summary-time').textContent()).toContain('09:00–09:30')
    })
    await page.context().close()
  })

  it('says the slot is full when someone else took the last place first, keeping what was typed', async () => {
    const page = await openPage()
    await step(page, 'the booked slot shows as full', async () => {
      await page.getByTestId('center-ORD').click()
      await page.getByTestId('item-SI-001').click()
      await page.getByTestId(`day-${day}`).click()
      await expect.poll(() => page.getByTestId('slot-09:00').isDisabled()).toBe(true)
      expect(await page.getByTestId('slot-09:00').textContent()).toContain('已约满')
      await page.getByTestId('slot-09:30').click()
      await fillPerson(page, '陈静', '13904775678', idNumber('15060219900101002'))
      await page.getByTestId('consent').check()
    })
    // Someone else books 09:30 while this page is on the form.
    const other = await api('/api/public/bookings', {
      method: 'POST', json: { centerId, itemId, date: day, slotStart: '09:30', name: '刘洋', mobile: '13904770000', idNumber: idNumber('15060219920202003'), consent: true },
    })
    expect(other.status).toBe(201)

    await step(page, 'the second attempt meets the full slot', async () => {
      await page.getByTestId('submit-booking').click()
      await page.getByTestId('slot-problem').waitFor()
      expect(await page.getByTestId('slot-problem').textContent()).toContain('该时段已约满')
      expect(await page.locator('input[name="name"]').inputValue()).toBe('陈静')
      await page.getByTestId('choose-again').click()
      await expect.poll(() => page.getByTestId('slot-09:30').isDisabled()).toBe(true)
    })
    expect(server.query('SELECT id FROM bookings WHERE date = ? AND slot_start = ?', day, '09:30')).toHaveLength(1)
    await page.context().close()
  })

  it('refuses a second booking of the same ID number that day under the ID field, in English too, keeping what was typed', async () => {
    const page = await openPage()
    await step(page, 'the person who booked 09:00 tries 10:00 the same day', async () => {
      await page.getByTestId('locale-switch').click()
      await chooseSlot(page, '10:00')
      await fillPerson(page, 'Zhou Li', '13904779999')
      await page.getByTestId('consent').check()
      await page.getByTestId('submit-booking').click()
      await expect.poll(() => page.getByTestId('error-idNumber').textContent()).toContain('already has a booking at this centre on this day')
      expect(await page.locator('input[name="idNumber"]').getAttribute('aria-invalid')).toBe('true')
      expect(await page.locator('input[name="name"]').inputValue()).toBe('Zhou Li')
      expect(await page.locator('input[name="idNumber"]').inputValue()).toBe(ID_NUMBER)
      expect(await page.getByTestId('consent').isChecked()).toBe(true)
      expect(await page.getByTestId('slot-problem').count()).toBe(0)
    })
    expect(server.query('SELECT id FROM bookings WHERE id_number = ? AND date = ?', ID_NUMBER, day)).toHaveLength(1)
    await page.context().close()
  })
})
