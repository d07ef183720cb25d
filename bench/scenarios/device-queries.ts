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
      const bySurname = await repeat(runs, i => call('search', 'bench-list', [...terms[i]!.namePrefix][0]!))
      const counts = await repeat(runs, () => call('statusCounts', 'bench-list'))
      if ([...byId, ...byCaseNo, ...byName].some(r => r.rows === 0)) throw new Error('a search found nothing')
      if (counts.some(r => r.total !== r.stored)) throw new Error(`status counts add up to ${counts[0]!.total}, not the ${counts[0]!.stored} cases stored`)

      // Intake on the full device: rounds of 100, each round's p95; the median round is reported.
      const rounds = await repeat(quick ? 3 : 5, () => call('takeInTimes', 'bench-list', 100))
      // Import and its floor take turns, so both see the same machine.
      const floors: number[] = []
      const bareFloors: number[] = []
      const imports = await repeat(quick ? 3 : 5, async (i) => {
        const result = await call('importPulled', 'bench-list', `bench-import-${i}`, 10_000)
        await call('deleteDeviceDb', `bench-import-${i}`)
        floors.push((await call('importFloor', 'bench-list', `bench-floor-${i}`, 10_000, 'app')).ms)
        bareFloors.push((await call('importFloor', 'bench-list', `bench-bare-${i}`, 10_000, 'none')).ms)
        return result
      })

      // The sync store on a device with a long queue: intakes made by the app's write code.
      const waiting = quick ? 2_000 : 10_000
      await call('signInDevice', 'bench-outbox', 'ord-clerk1')
      const queueMs = await call('seedWaitingIntakes', 'bench-outbox', waiting, 20)
      log(`${waiting} intakes waiting, made in ${(queueMs / 1000).toFixed(1)} s (seeding, not a figure)`)
      const storeReads = await repeat(runs, () => call('syncStoreReads', 'bench-outbox'))
      await call('deleteDeviceDb', 'bench-outbox')
      raw.device = { cases, seedMs, terms, list, byId, byCaseNo, byName, bySurname, counts, takeInRounds: rounds, imports, floors, bareFloors, storeReads }

      const on = `${cases.toLocaleString('en')} cases`
      const ms = (rs: { ms: number }[]) => rs.map(r => r.ms)
      return [
        figure({
          name: 'take in one case (strict durability), p95', unit: 'ms', runs: rounds.map(r => percentile(r, 95)),
          target: { op: '<=', value: 15 }, note: `${rounds.length} rounds of 100 intakes with ${on} stored; value = median of the rounds' p95 (all-intake median ${median(rounds.flat()).toFixed(1)} ms)`,
        }),
        figure({
          name: 'import 10,000 cases', unit: 'ms', runs: ms(imports), target: { op: '<=', value: 2000 },
          baseline: { value: median(floors), note: 'floor: the same rows put straight into IndexedDB' },
          note: 'pullChanges over 10 pages of 1,000 pulled cases from a stubbed fetch: parse + schema check + storePage (strict), no network; '
            + 'the baseline puts the same rows into the same store and indexes with no app code, so ratio < 1 is the app\'s own share; '
            + `the same puts into a store with no index at all: median ${median(bareFloors).toFixed(0)} ms`,
        }),
        figure({ name: `${on}: first page, newest first`, unit: 'ms', runs: ms(list), target: { op: '<=', value: 50 } }),
        figure({ name: `${on}: search full ID number`, unit: 'ms', runs: ms(byId), target: { op: '<=', value: 10 } }),
        figure({ name: `${on}: search full case number`, unit: 'ms', runs: ms(byCaseNo), target: { op: '<=', value: 10 } }),
        figure({
          name: `${on}: search name prefix`, unit: 'ms', runs: ms(byName), target: { op: '<=', value: 50 },
          note: `prefixes of 2 characters taken from stored names, newest first; rows found: ${byName.map(r => r.rows).join(', ')} (page of 50); `
            + `one character (a surname): median ${median(ms(bySurname)).toFixed(1)} ms`,
        }),
        figure({
          name: `${on}: counts per status`, unit: 'ms', runs: ms(counts), target: { op: '<=', value: 100 },
          note: 'the caseCounts table, kept by every write to cases in its transaction',
        }),
        figure({
          name: `sync status reads, ${waiting.toLocaleString('en')} waiting`, unit: 'ms', runs: ms(storeReads), target: { op: '<=', value: 100 },
          baseline: { value: median(storeReads.map(r => r.baselineMs)), note: 'every waiting change loaded, as the store did' },
          note: 'what the sync store reads again after each outbox change: waiting count ([state+seq] index), authors waiting for sign-in, answered changes, the first 100',
        }),
      ]
    }
    finally { await profile.dispose() }
  },
}
