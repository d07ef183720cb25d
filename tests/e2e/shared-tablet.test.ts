import type { Browser, Page } from 'playwright-core'
import SQLite from 'better-sqlite3'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DB_FILE } from '../../server/store/sqlite-store'
import { CentralServer, eventually, launchBrowser, pendingCount, signIn, step, takeIn, waitForServiceWorker } from './harness'

/** One tablet in a real browser against the real server: two centres in turn, then a revocation. */
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

/** Every object store of the tablet's IndexedDB, read raw: how many rows each holds. */
const storeCounts = (page: Page) => page.evaluate(() => new Promise<Record<string, number>>((resolve) => {
  const open = indexedDB.open('shiftdesk')
  open.onsuccess = () => {
    const idb = open.result
    const names = [...idb.objectStoreNames]
    const tx = idb.transaction(names)
    const counts: Record<string, number> = {}
    for (const name of names) {
      const request = tx.objectStore(name).count()
      request.onsuccess = () => { counts[name] = request.result }
    }
    tx.oncomplete = () => resolve(counts)
  }
}))
const deviceIdOf = (page: Page) => page.evaluate(() => new Promise<string>((resolve) => {
  const open = indexedDB.open('shiftdesk')
  open.onsuccess = () => {
    const request = open.result.transaction('meta').objectStore('meta').get('device')
    request.onsuccess = () => resolve((request.result as { value: { deviceId: string } }).value.deviceId)
  }
}))
const serverSql = () => new SQLite(path.join(server.dataDir, DB_FILE))
const caseNosShown = async (page: Page) => (await page.getByTestId('case-row').allTextContents()).join('\n')

describe('a shared tablet in the browser', () => {
  it('shows 兰州新区’s clerk only 兰州新区’s cases after 淮南’s clerk signed out, and sends 淮南’s waiting case once when its author returns', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } })
    const hns = await signIn(context, server.url, 'hns-clerk1')
    await waitForServiceWorker(hns)
    await hns.getByTestId('case-row').first().waitFor()
    await context.setOffline(true)
    const kept = await takeIn(hns, '欧阳娜娜', 7)
    expect(kept.startsWith('HNS-')).toBe(true)
    hns.once('dialog', dialog => void dialog.accept()) // "1 change waits: sign out anyway?"
    await hns.getByTestId('sign-out').click()
    await hns.locator('input[name="username"]').waitFor()
    await context.setOffline(false)
    expect(await storeCounts(hns)).toMatchObject({ cases: 0, caseBases: 0, appointments: 0, outbox: 1 })
    await hns.close()

    const lzx = await signIn(context, server.url, 'lzx-clerk1')
    await step(lzx, '兰州新区’s own cases arrive', async () => {
      await lzx.getByTestId('nav-cases').click()
      await lzx.getByTestId('case-row').filter({ hasText: 'LZX-' }).first().waitFor({ timeout: 30_000 })
    })
    expect(await caseNosShown(lzx)).not.toContain('HNS-')
    await lzx.getByTestId('sync-waiting-for-sign-in').filter({ hasText: '1 项变更由 ' }).waitFor()
    expect(await lzx.getByTestId('sync-waiting-for-sign-in').textContent()).toContain('淮南市政务服务中心')
    expect(await pendingCount(lzx)).toBe(0)
    const sql = serverSql()
    expect(sql.prepare('select count(*) as n from cases where case_no = ?').get(kept)).toEqual({ n: 0 })
    lzx.once('dialog', dialog => void dialog.accept())
    await lzx.getByTestId('sign-out').click()
    await lzx.locator('input[name="username"]').waitFor()
    await lzx.close()

    // 淮南's clerk still has a PIN on this tablet: a password sign-in, no PIN setup this time.
    const back = await context.newPage()
    await back.goto(`${server.url}/signin`)
    await back.locator('input[name="username"]').fill('hns-clerk1')
    await back.locator('input[name="password"]').fill('shiftdesk-demo')
    await back.locator('button[type="submit"]').click()
    await back.getByTestId('nav-intake').waitFor()
    await eventually(() => (sql.prepare('select count(*) as n from cases where case_no = ?').get(kept) as { n: number }).n === 1, 45_000, 'the kept case on the server')
    await back.getByTestId('nav-cases').click()
    await back.getByTestId('case-row').filter({ hasText: kept }).waitFor({ timeout: 30_000 })
    expect(await caseNosShown(back)).not.toContain('LZX-')
    sql.close()
    await context.close()
  })

  it('wipes itself when its device was revoked: the next sync removes sessions, PINs and cases, keeps the waiting change and says whose', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } })
    const page = await signIn(context, server.url, 'jcs-clerk1')
    await waitForServiceWorker(page)
    await page.getByTestId('case-row').first().waitFor()
    await context.setOffline(true)
    await takeIn(page, '司马光', 8)
    const sql = serverSql()
    sql.prepare('update devices set revoked_at = ? where id = ?').run(new Date().toISOString(), await deviceIdOf(page))
    sql.close()
    await context.setOffline(false)
    await page.reload()
    await page.getByTestId('device-revoked').waitFor({ timeout: 45_000 })
    expect(await page.getByTestId('device-revoked-waiting').textContent()).toMatch(/1 项变更由 .+ 待同步/)
    expect(await storeCounts(page)).toMatchObject({ sessions: 0, pins: 0, cases: 0, caseBases: 0, appointments: 0, outbox: 1 })
    // Nobody signs in again until it is reinstated.
    await page.getByTestId('device-revoked-signin').click()
    await page.locator('input[name="username"]').fill('jcs-clerk1')
    await page.locator('input[name="password"]').fill('shiftdesk-demo')
    await page.locator('button[type="submit"]').click()
    await page.getByTestId('signin-error').filter({ hasText: '此设备已被管理员停用' }).waitFor()
    await context.close()
  })
})
