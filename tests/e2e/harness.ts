import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { residentIdCheckChar } from '../../src/domain'
import { E2E_DIST } from './dist-dir'

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'
export const DEMO_PASSWORD = 'shiftdesk-demo'
/** The unlock PIN the browser tests set on each new device. */
export const DEMO_PIN = '258036'

/** Flags that work on this kind of machine (no GPU, closed network, running as root). */
const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
]

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROME_PATH))
    throw new Error(`Browser tests need Chromium at ${CHROME_PATH}: install it with 'apt-get install -y chromium' or set CHROME_PATH.`)
  return chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS })
}

/**
 * The real central server on the built app, with its own data folder. `stop()` and `start()` keep
 * the folder and the port, so a test can take the central system away and bring it back.
 */
export class CentralServer {
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-e2e-'))
  private app: FastifyInstance | null = null
  /** Kept across stop() and start(), so the app's origin stays the same. */
  port = 0

  /** `now`: the clock its public booking goes by (see clockFrom); the real one when not given. */
  constructor(private readonly now?: () => Date) {}

  get url() { return `http://127.0.0.1:${this.port}` }

  async start(): Promise<this> {
    this.app = await buildApp({ dataDir: this.dataDir, demo: true, distDir: E2E_DIST, logger: false, now: this.now })
    await this.app.listen({ port: this.port, host: '127.0.0.1' })
    const address = this.app.server.address()
    if (address && typeof address === 'object') this.port = address.port
    return this
  }

  async stop(): Promise<void> {
    await this.app?.close()
    this.app = null
  }

  /** Calls the server's API as a script would: JSON in, status and JSON out. */
  async api<T>(path: string, init: { method?: string, token?: string, json?: unknown } = {}): Promise<{ status: number, body: T }> {
    const response = await fetch(this.url + path, {
      method: init.method ?? 'GET',
      headers: { ...(init.json ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.json ? JSON.stringify(init.json) : undefined,
    })
    return { status: response.status, body: await response.json() as T }
  }

  /** Reads the server's SQLite file directly: what the central system really holds. */
  query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(path.join(this.dataDir, 'shiftdesk.sqlite'), { readonly: true })
    try { return db.prepare(sql).all(...params) as T[] }
    finally { db.close() }
  }

  async dispose(): Promise<void> {
    await this.stop()
    fs.rmSync(this.dataDir, { recursive: true, force: true })
  }
}

/** A clock that reads `start` now and runs on from there, as the browser's does after `clock.install({ time: start })`. */
export function clockFrom(start: Date): () => Date {
  const offset = start.getTime() - Date.now()
  return () => new Date(Date.now() + offset)
}

export async function signIn(context: BrowserContext, baseUrl: string, username: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', error => console.error(`[${username}] page error:`, error.message))
  await page.goto(`${baseUrl}/signin`)
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD)
  await page.locator('button[type="submit"]').click()
  // The first sign-in on a device asks for the unlock PIN, twice; six digits submit each step.
  await page.getByTestId('pin-setup').waitFor()
  await page.getByTestId('pin-input').fill(DEMO_PIN)
  await page.getByTestId('pin-setup-restart').waitFor()
  await page.getByTestId('pin-input').fill(DEMO_PIN)
  await page.getByTestId('pin-setup').waitFor({ state: 'detached' })
  await page.getByTestId('nav-intake').waitFor()
  return page
}

/** Waits until the service worker controls the page, so a reload can be served offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 })
}

export async function pendingCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('sync-pending').textContent())?.trim())
}

/** Runs a browser step; on failure keeps a screenshot and the page's text under test-results/. */
export async function step<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  }
  catch (error) {
    fs.mkdirSync('test-results', { recursive: true })
    const file = path.join('test-results', `${name.replace(/\W+/g, '-')}.png`)
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined)
    const text = await page.locator('body').innerText().catch(() => '(no text)')
    throw new Error(`${name} failed (screenshot: ${file}); the page said:\n${text.slice(0, 1500)}`, { cause: error })
  }
}

/** Polls a condition of the outside world (e.g. the server's database) until it holds. */
export async function eventually(check: () => boolean, timeoutMs = 45_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} did not hold within ${timeoutMs / 1000} s`)
    await new Promise(resolve => setTimeout(resolve, 250))
  }
}

const idFor = (n: number) => { const first17 = `15060219900101${String(n).padStart(3, '0')}`; return first17 + residentIdCheckChar(first17) }

/** Takes in a case for `name` (the n-th of the test: ID and mobile vary with it) at window 3; returns its case number from the receipt. */
export async function takeIn(page: Page, name: string, n: number): Promise<string> {
  await page.getByTestId('nav-intake').click()
  await page.locator('input[name="applicantName"]').fill(name)
  await page.locator('input[name="idNumber"]').fill(idFor(n))
  await page.locator('input[name="phone"]').fill(`1380013800${n}`)
  await page.locator('input[name="serviceItemSearch"]').fill('征信')
  await page.getByRole('option', { name: /个人征信报告打印/ }).click()
  await page.locator('input[name="windowNo"]').fill('3')
  await page.getByTestId('intake-submit').click()
  return (await page.getByTestId('receipt-case-no').textContent({ timeout: 10_000 }))!.trim()
}
