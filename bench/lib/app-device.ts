import { Profile, openBenchPage } from './browser'
import type { BenchServer } from './server'

/** The app's own database name (src/db/db.ts): the bench page fills it, the app then opens it. */
const APP_DB = 'shiftdesk'

/**
 * A tablet profile for the real app: jcs-clerk1 signed in with a PIN (so the app opens on the case
 * list), `cases` stored, the app opened once so its service worker is installed and precached.
 * The browser is closed again; scenarios relaunch it on the same profile.
 */
export async function prepareAppDevice(server: BenchServer, cases: number): Promise<Profile> {
  const profile = new Profile()
  try {
    const context = await profile.launch()
    const bench = await openBenchPage(context, server.url)
    await bench.call('signInDevice', APP_DB, 'jcs-clerk1', true)
    if (cases) await bench.call('seedCases', APP_DB, cases)
    await bench.call('closeAll')
    await bench.page.close()
    const app = await context.newPage()
    await app.goto(`${server.url}/`)
    await app.getByTestId('case-row').first().waitFor({ timeout: 60_000 })
    await app.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 })
    await app.evaluate(async () => { await navigator.serviceWorker.ready })
    await profile.close()
    return profile
  }
  catch (error) {
    await profile.dispose()
    throw error
  }
}

// Functions, not strings, cross into the app's pages: its CSP forbids eval.
/** Records when the first case row is in the page and painted (ms since navigation start) as window.__firstRowAt. */
export const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="case-row"]')) return
    observer.disconnect()
    requestAnimationFrame(() => { window.__firstRowAt = performance.now() })
  }).observe(document, { childList: true, subtree: true })`
