import { FIRST_ROW_PROBE, prepareAppDevice } from '../lib/app-device'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { repeat } from '../lib/stats'

type ProbedWindow = Window & { __firstRowAt?: number }

/**
 * The real built app opened with the central server down: a fresh browser process on a tablet
 * profile whose service worker is installed, timed from navigation start to the first case row
 * painted. The device holds 100,000 cases (quick: 20,000).
 */
export const coldStart: Scenario = {
  key: 'coldstart',
  title: 'offline cold start to the case list',
  async run({ server, quick, raw, log }) {
    const cases = quick ? 20_000 : 100_000
    const profile = await prepareAppDevice(server, cases)
    try {
      await server.stop()
      const runs = await repeat(quick ? 3 : 5, async () => {
        const context = await profile.launch()
        try {
          await context.addInitScript({ content: FIRST_ROW_PROBE })
          const page = context.pages()[0] ?? await context.newPage()
          await page.goto(`${server.url}/`)
          await page.waitForFunction(() => (window as ProbedWindow).__firstRowAt !== undefined, undefined, { timeout: 30_000 })
          const offline = await page.evaluate(() => navigator.serviceWorker.controller !== null)
          if (!offline) throw new Error('the page was not served by the service worker')
          return await page.evaluate(() => (window as ProbedWindow).__firstRowAt!)
        }
        finally { await profile.close() }
      })
      log(`cold starts: ${runs.map(ms => ms.toFixed(0)).join(', ')} ms`)
      raw.coldStart = { cases, runs }
      return [figure({
        name: 'offline cold start to the case list', unit: 'ms', runs, target: { op: '<=', value: 1000 },
        note: `new browser process each run, server stopped, ${cases.toLocaleString('en')} cases on the device; navigation start → first case row painted`,
      })]
    }
    finally {
      await server.start()
      await profile.dispose()
    }
  },
}
