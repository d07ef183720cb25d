import type { Page } from 'playwright-core'
import { prepareAppDevice } from '../lib/app-device'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { repeat } from '../lib/stats'

/** After the next frame (the list follows the scroll then), until the rows on screen show cases, no placeholder left. */
async function settled(page: Page) {
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve))))
  await page.waitForFunction(() => document.querySelector('[data-testid="case-row"]') && !document.querySelector('[data-testid="case-row-placeholder"]'), undefined, { timeout: 60_000 })
}

/**
 * The JS heap of the open app on a device holding 100,000 cases (quick: 20,000), after scrolling
 * the virtual case list for real: wheel flings down from the top, then jumps to a quarter, the
 * middle, three quarters and the end of the list (each read from checkpoints), waiting each time
 * until the rows on screen show their cases. CDP Runtime.getHeapUsage after a forced GC.
 */
export const heap: Scenario = {
  key: 'heap',
  title: 'JS heap of the open app with 100,000 cases',
  async run({ server, quick, raw, log }) {
    const cases = quick ? 20_000 : 100_000
    const flings = quick ? 10 : 40
    const profile = await prepareAppDevice(server, cases)
    try {
      const context = await profile.launch()
      const page = context.pages()[0] ?? await context.newPage()
      const cdp = await context.newCDPSession(page)
      const jumps: number[] = []
      const heapMb = async () => {
        await cdp.send('HeapProfiler.collectGarbage')
        return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024
      }
      // Dexie keeps a left window's query results for 3 s in case it is asked for again (its
      // liveQuery cache): measured at once, and again once those have gone.
      const settledRuns: number[] = []
      const runs = await repeat(3, async () => {
        await page.goto(`${server.url}/`)
        await page.getByTestId('case-row').first().waitFor()
        await page.mouse.move(400, 600)
        for (let i = 0; i < flings; i++) {
          await page.mouse.wheel(0, 2_500)
          await settled(page)
        }
        for (const fraction of [0.25, 0.5, 0.75, 1]) {
          const started = Date.now()
          await page.evaluate(f => window.scrollTo(0, document.documentElement.scrollHeight * f), fraction)
          await settled(page)
          jumps.push(Date.now() - started)
        }
        const atOnce = await heapMb()
        await new Promise(resolve => setTimeout(resolve, 4_000))
        settledRuns.push(await heapMb())
        return atOnce
      })
      const mb = (list: number[]) => list.map(v => v.toFixed(1)).join(', ')
      log(`heap after scrolling: ${mb(runs)} MB (4 s later: ${mb(settledRuns)} MB); jumps (¼, ½, ¾, end) until their rows showed: ${jumps.join(', ')} ms`)
      raw.heap = { cases, flings, runs, settledRuns, jumps }
      await profile.close()
      return [figure({
        name: 'JS heap of the open app, after scrolling the list', unit: 'MB', runs, target: { op: '<=', value: 80 },
        note: `${cases.toLocaleString('en')} cases stored; ${flings} wheel flings of 2,500 px, then jumps to ¼, ½, ¾ and the end, each until its rows showed; Runtime.getHeapUsage after HeapProfiler.collectGarbage, at once (4 s later, when Dexie's liveQuery cache has let the left windows go: ${mb(settledRuns)} MB)`,
      })]
    }
    finally { await profile.dispose() }
  },
}
