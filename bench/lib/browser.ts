import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import type { Bench } from '../device/bench-page'

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'
export const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
]

/**
 * Chromium with a profile on disk. Playwright's ordinary contexts are incognito, where IndexedDB
 * lives in memory: durability and disk reads would cost nothing there, so every figure uses this.
 */
export class Profile {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shiftdesk-bench-profile-'))
  context: BrowserContext | null = null

  async launch(extraArgs: string[] = []): Promise<BrowserContext> {
    this.context = await chromium.launchPersistentContext(this.dir, {
      executablePath: CHROME_PATH, headless: true, args: [...CHROME_ARGS, ...extraArgs], locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    })
    return this.context
  }

  async close(): Promise<void> {
    await this.context?.close()
    this.context = null
  }

  async dispose(): Promise<void> {
    await this.close()
    fs.rmSync(this.dir, { recursive: true, force: true })
  }
}

/** The bench page, and a typed way to call its functions inside the page. */
export async function openBenchPage(context: BrowserContext, baseUrl: string) {
  const page = await context.newPage()
  page.on('pageerror', error => console.error('bench page error:', error.message))
  await page.goto(`${baseUrl}/__bench/`)
  await page.waitForFunction(() => '__bench' in window)
  return { page, call: <K extends keyof Bench>(name: K, ...args: Parameters<Bench[K]>) => callBench(page, name, args) }
}

export type BenchCall = Awaited<ReturnType<typeof openBenchPage>>['call']

function callBench<K extends keyof Bench>(page: Page, name: K, args: Parameters<Bench[K]>): Promise<Awaited<ReturnType<Bench[K]>>> {
  return page.evaluate(([n, a]) => (window.__bench[n] as (...x: unknown[]) => unknown)(...a), [name, args] as const) as never
}
