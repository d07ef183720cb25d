import { Profile, openBenchPage } from '../lib/browser'
import { createMutations, deviceTag, nodeDevice, pushBatch } from '../lib/central-client'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { repeat } from '../lib/stats'
import { seeded } from '../shared/fake-people'

/**
 * First sync of a new device at a centre holding 50,000 cases (quick: 10,000). The cases are
 * pushed first by a tablet of the centre (real mutations over HTTP, batches of 500); then fresh
 * device databases sign in and run runSync, timed from the start of the sync to its end.
 */
export const pull: Scenario = {
  key: 'pull',
  title: 'first sync of a new device: pull 50,000 cases',
  async run({ server, quick, raw, log }) {
    const total = quick ? 10_000 : 50_000
    const started = Date.now()
    const tablet = await nodeDevice(server.url, 'hns-clerk1', 'bench-pull-source', deviceTag(777))
    const random = seeded(5)
    for (let made = 0; made < total; made += 500) {
      const { results } = await pushBatch(tablet, createMutations(tablet, random, Math.min(500, total - made)))
      if (results.some(r => r.status !== 'applied')) throw new Error(`seeding push: ${JSON.stringify(results.find(r => r.status !== 'applied'))}`)
    }
    log(`pushed ${total} cases to the server in ${((Date.now() - started) / 1000).toFixed(1)} s (setup)`)
    // A new device: each run in a browser profile of its own. (In one shared profile, the runs that came
    // after deleting the previous run's 50,000 cases measured 17.6–17.9 s against 14.6 s for the first.)
    const runs = await repeat(quick ? 2 : 3, async (i) => {
      const profile = new Profile()
      try {
        const { call } = await openBenchPage(await profile.launch(), server.url)
        const result = await call('firstSync', `bench-pull-${i}`, 'hns-clerk2')
        log(`run ${i + 1}: ${result.pulled} changes, ${result.cases} cases stored, ${result.ms.toFixed(0)} ms`)
        return result
      }
      finally { await profile.dispose() }
    })
    raw.pull = { total, runs }
    return [figure({
      name: `first sync: pull ${total.toLocaleString('en')} cases`, unit: 'ms', runs: runs.map(r => r.ms), target: { op: '<=', value: 15_000 },
      note: `runSync on a new device (fresh browser profile) right after sign-in; pulled ${runs[0]!.pulled} changes (the centre's cases, its demo cases and the catalogue)`,
    })]
  },
}
