import { Profile, openBenchPage } from '../lib/browser'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'
import { median, percentile, repeat } from '../lib/stats'

/**
 * Device figures in Chromium with the app's own code: intake, import, and the case list's reads
 * on a device holding 100,000 cases (quick: 20,000).
 */
export const deviceQueries: Scenario = {
  key: 'device',
  title: 'device database: intake, import, case list on 100,000 cases',
  async run({ server, quick, raw, log }) {
    const cases = quick ? 20_000 : 100_000
    const runs = quick ? 5 : 7
    const profile = new Profile()
    try {
      const { call } = await openBenchPage(await profile.launch(), server.url)
      await call('signInDevice', 'bench-list', 'ord-clerk1')
      const seedMs = await call('seedCases', 'bench-list', cases)
      log(`stored ${cases} cases in ${(seedMs / 1000).toFixed(1)} s (seeding, not a figure)`)
      const terms = await call('sampleSearches', 'bench-list', runs)

      const list = await repeat(runs, () => call('listFirstPage', 'bench-list'))
      const byId = await repeat(runs, i => call('search', 'bench-list', terms[i]!.idNumber))
      const byCaseNo = await repeat(runs, i => call('search', 'bench-list', terms[i]!.caseNo))
      const byName = await repeat(runs, i => call('search', 'bench-list', terms[i]!.namePrefix))
      const counts = await repeat(runs, () => call('statusCounts', 'bench-list'))
      if ([...byId, ...byCaseNo, ...byName].some(r => r.rows === 0)) throw new Error('a search found nothing')

      // Intake on the full device: rounds of 100, each round's p95; the median round is reported.
      const rounds = await repeat(quick ? 3 : 5, () => call('takeInTimes', 'bench-list', 100))
      const imports = await repeat(quick ? 3 : 5, async (i) => {
        const result = await call('importPulled', 'bench-list', `bench-import-${i}`, 10_000)
        await call('deleteDeviceDb', `bench-import-${i}`)
        return result
      })
      raw.device = { cases, seedMs, terms, list, byId, byCaseNo, byName, counts, takeInRounds: rounds, imports }

      const on = `${cases.toLocaleString('en')} cases`
      const ms = (rs: { ms: number }[]) => rs.map(r => r.ms)
      return [
        figure({
          name: 'take in one case (strict durability), p95', unit: 'ms', runs: rounds.map(r => percentile(r, 95)),
          target: { op: '<=', value: 15 }, note: `${rounds.length} rounds of 100 intakes with ${on} stored; value = median of the rounds' p95 (all-intake median ${median(rounds.flat()).toFixed(1)} ms)`,
        }),
        figure({
          name: 'import 10,000 cases', unit: 'ms', runs: ms(imports), target: { op: '<=', value: 2000 },
          note: 'pullChanges over 10 pages of 1,000 pulled cases from a stubbed fetch: parse + schema check + storePage (strict), no network',
        }),
        figure({ name: `${on}: first page, newest first`, unit: 'ms', runs: ms(list), target: { op: '<=', value: 50 } }),
        figure({ name: `${on}: search full ID number`, unit: 'ms', runs: ms(byId), target: { op: '<=', value: 10 } }),
        figure({ name: `${on}: search full case number`, unit: 'ms', runs: ms(byCaseNo), target: { op: '<=', value: 10 } }),
        figure({
          name: `${on}: search name prefix`, unit: 'ms', runs: ms(byName), target: { op: '<=', value: 50 },
          note: `prefixes of 2 characters taken from stored names; rows found: ${byName.map(r => r.rows).join(', ')} (page of 50)`,
        }),
        figure({ name: `${on}: counts per status`, unit: 'ms', runs: ms(counts), target: { op: '<=', value: 100 } }),
      ]
    }
    finally { await profile.dispose() }
  },
}
