import { Profile, openBenchPage } from '../lib/browser'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { median, repeat } from '../lib/stats'

/**
 * 10,000 intakes waiting on a device (made by the app's write code) replayed by runSync, against
 * the same intakes (fresh ids, fresh database) replayed one request per change, the way Workbox's
 * Background Sync queue does. The baseline runs on the first `sample` changes and is scaled up.
 */
export const replay: Scenario = {
  key: 'replay',
  title: 'replay 10,000 waiting changes vs one request per change',
  async run({ server, quick, raw, log }) {
    const waiting = quick ? 2_000 : 10_000
    const sample = quick ? 500 : 2_000
    const runs = quick ? 2 : 3
    const profile = new Profile()
    try {
      const { call } = await openBenchPage(await profile.launch(), server.url)
      const batched = await repeat(runs, async (i) => {
        const db = `bench-replay-${i}`
        await call('signInDevice', db, 'ord-clerk1')
        const seedMs = await call('seedWaitingIntakes', db, waiting, 10 + i)
        const result = await call('replayBatched', db)
        const floor = await call('rewriteFloor', db, waiting)
        log(`run ${i + 1}: ${waiting} waiting (made in ${(seedMs / 1000).toFixed(1)} s), runSync ${result.ms.toFixed(0)} ms, outbox empty at ${result.emptyMs.toFixed(0)} ms; `
          + `${floor.rows} cases re-put with no app code in ${floor.ms.toFixed(0)} ms`)
        await call('deleteDeviceDb', db)
        return { ...result, floorMs: floor.ms }
      })
      const oneByOne = await repeat(runs, async (i) => {
        const db = `bench-baseline-${i}`
        await call('signInDevice', db, 'ord-clerk1')
        await call('seedWaitingIntakes', db, sample, 10 + i)
        const result = await call('replayOneByOne', db, sample)
        log(`baseline ${i + 1}: ${result.sent} changes one by one in ${result.ms.toFixed(0)} ms`)
        await call('deleteDeviceDb', db)
        return result.ms * (waiting / result.sent)
      })
      raw.replay = { waiting, sample, batched, oneByOneScaled: oneByOne }
      const scaled = sample < waiting ? `measured on ${sample.toLocaleString('en')}, scaled ×${waiting / sample}` : 'measured in full'
      return [figure({
        name: `replay ${waiting.toLocaleString('en')} waiting changes (runSync)`, unit: 'ms', runs: batched.map(r => r.ms),
        target: { op: '<=', value: 5000 }, minRatio: 20,
        baseline: { value: median(oneByOne), note: `one request per change, ${scaled}` },
        note: `whole runSync: probe, push in batches of 500 (the server echoes the cases it stored), then the pull, which brought back ${median(batched.map(r => r.pulled))} changes (median); the outbox was empty after ${median(batched.map(r => r.emptyMs)).toFixed(0)} ms (median); `
          + `the device's floor, writing the ${waiting.toLocaleString('en')} cases back with no app code (rewriteFloor): ${median(batched.map(r => r.floorMs)).toFixed(0)} ms (median)`,
      })]
    }
    finally { await profile.dispose() }
  },
}
