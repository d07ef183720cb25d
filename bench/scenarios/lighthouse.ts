import { spawn } from 'node:child_process'
import net from 'node:net'
import lighthouse from 'lighthouse'
import { prepareAppDevice } from '../lib/app-device'
import { CHROME_ARGS, CHROME_PATH } from '../lib/browser'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { repeat } from '../lib/stats'

const freePort = () => new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as net.AddressInfo
    probe.close(() => resolve(port))
  })
})

/**
 * Lighthouse 12.2 (its default mobile settings, simulated throttling) on the case list of the
 * built app, in the system Chromium on a profile where jcs-clerk1 is signed in with 100,000 cases
 * (quick: 20,000) stored. Storage is not reset, so the list shows what a clerk sees.
 */
export const lighthouseScores: Scenario = {
  key: 'lighthouse',
  title: 'Lighthouse on the case list: performance / accessibility',
  async run({ server, quick, raw, log }) {
    const profile = await prepareAppDevice(server, quick ? 20_000 : 100_000)
    const port = await freePort()
    const chrome = spawn(CHROME_PATH, [
      ...CHROME_ARGS, '--headless', `--remote-debugging-port=${port}`, `--user-data-dir=${profile.dir}`, 'about:blank',
    ], { stdio: 'ignore' })
    try {
      await new Promise(resolve => setTimeout(resolve, 1500))
      const results = await repeat(quick ? 1 : 3, async () => {
        const result = await lighthouse(`${server.url}/`, {
          port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], disableStorageReset: true,
        })
        const lhr = result!.lhr
        if (lhr.finalDisplayedUrl.includes('/signin') || lhr.finalDisplayedUrl.includes('/lock')) throw new Error(`Lighthouse saw ${lhr.finalDisplayedUrl}, not the case list`)
        const audits = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
        const failing = Object.values(lhr.audits).filter(a => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary').map(a => a.id)
        return {
          performance: (lhr.categories.performance?.score ?? 0) * 100,
          accessibility: (lhr.categories.accessibility?.score ?? 0) * 100,
          metrics: Object.fromEntries(audits.map(id => [id, lhr.audits[id]?.displayValue])),
          // The same in ms (CLS unitless), to compare runs and builds.
          values: Object.fromEntries(audits.map(id => [id, lhr.audits[id]?.numericValue])),
          failing,
          // Where the main thread went, to find the cause of a low performance score.
          bootup: (lhr.audits['bootup-time']?.details as { items?: unknown[] } | undefined)?.items?.slice(0, 5),
          mainThread: (lhr.audits['mainthread-work-breakdown']?.details as { items?: unknown[] } | undefined)?.items,
          longTasks: (lhr.audits['long-tasks']?.details as { items?: unknown[] } | undefined)?.items?.slice(0, 8),
        }
      })
      log(results.map(r => `performance ${r.performance}, accessibility ${r.accessibility}, ${JSON.stringify(r.metrics)}`).join('\n  '))
      raw.lighthouse = results
      return [
        figure({ name: 'Lighthouse performance (case list)', unit: '', runs: results.map(r => r.performance), target: { op: '>=', value: 95 }, note: 'Lighthouse 12.2.3, default mobile config with simulated throttling' }),
        figure({ name: 'Lighthouse accessibility (case list)', unit: '', runs: results.map(r => r.accessibility), target: { op: '>=', value: 95 }, note: results[0]!.failing.length ? `failing audits: ${results[0]!.failing.join(', ')}` : undefined }),
      ]
    }
    finally {
      chrome.kill('SIGTERM')
      await new Promise(resolve => chrome.once('exit', resolve))
      await profile.dispose()
    }
  },
}
