import { prepareAppDevice } from '../lib/app-device'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { repeat } from '../lib/stats'

/**
 * The JS heap of the open app on a device holding 100,000 cases (quick: 20,000), after paging
 * through the case list and scrolling each page: CDP Runtime.getHeapUsage after a forced GC.
 */
export const heap: Scenario = {
  key: 'heap',
  title: 'JS heap of the open app with 100,000 cases',
  async run({ server, quick, raw, log }) {
    const cases = quick ? 20_000 : 100_000
    const pages = quick ? 5 : 20
    const profile = await prepareAppDevice(server, cases)
    try {
      const context = await profile.launch()
      const page = context.pages()[0] ?? await context.newPage()
      const cdp = await context.newCDPSession(page)
      const runs = await repeat(3, async () => {
        await page.goto(`${server.url}/`)
        await page.getByTestId('case-row').first().waitFor()
        for (let i = 0; i < pages; i++) {
          const before = await page.getByTestId('list-range').textContent()
          await page.getByTestId('page-next').click()
          await page.waitForFunction(text => document.querySelector('[data-testid="list-range"]')?.textContent !== text, before)
          await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
        }
        await cdp.send('HeapProfiler.collectGarbage')
        const { usedSize } = await cdp.send('Runtime.getHeapUsage')
        return usedSize / 1024 / 1024
      })
      log(`heap after paging ${pages} pages: ${runs.map(mb => mb.toFixed(1)).join(', ')} MB`)
      raw.heap = { cases, pages, runs }
      await profile.close()
      return [figure({
        name: 'JS heap of the open app, after paging the list', unit: 'MB', runs, target: { op: '<=', value: 80 },
        note: `${cases.toLocaleString('en')} cases stored; ${pages} pages of 50 paged through and scrolled; Runtime.getHeapUsage after HeapProfiler.collectGarbage`,
      })]
    }
    finally { await profile.dispose() }
  },
}
