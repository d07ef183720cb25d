import { FAULT_KINDS } from './proxy-stats'
import type { ChaosReport } from './run-chaos'

const list = (counts: Record<string, number>) =>
  Object.entries(counts).map(([key, n]) => `${key}: ${n}`).join(', ') || 'none'

/** The run's report as printed lines: enough to see what happened and to debug a failure. */
export function formatReport(r: ChaosReport, maxFailures = 10): string {
  const p = r.proxy
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
  const lines = [
    `CHAOS seed=${r.options.seed} (rerun: CHAOS_SEED=${r.options.seed})${r.options.sabotage ? `  SABOTAGE=${r.options.sabotage}` : ''}`,
    `  devices: ${r.devices.filter(d => d.user !== 'admin').length} desks${r.options.lateAdmin ? ' + 1 admin tablet joining late' : ''} — ${r.devices.map(d => `${d.user} made ${d.made}, syncs ${list(d.syncs)}`).join('; ')}`,
    `  mutations made: ${sum(r.madeByOp)} (${list(r.madeByOp)})`,
    `  local refusals (never queued): ${sum(r.refusals)} (${list(r.refusals)})`,
    `  push results delivered: applied ${p.delivered.applied}, duplicate ${p.delivered.duplicate}, conflict ${p.delivered.conflict}, rejected ${list(p.delivered.rejected)}`,
    `  settled by their authors: ${list(r.settled)}; the settling mutations: ${list(r.settlements)}`,
    `  requests through the proxy: ${p.requests}; faults injected: ${FAULT_KINDS.map(k => `${k} ${p.faults[k]}`).join(', ')} (total ${sum(p.faults)})`,
    `  faults by endpoint: ${list(p.faultsOnPath)}`,
    `  push batches: ${p.pushSizes.count}, largest ${p.pushSizes.max} mutations, ${p.pushSizes.over50} over 50`,
    `  server: ${r.serverKills} kills (SIGKILL), ${r.serverStarts} starts; statuses ${list(p.serverStatuses)}; proxy 502 while down: ${p.gateway502}`,
    `  rounds: ${r.rounds.random} with faults, ${r.rounds.quiet} to quiet; duration ${(r.durationMs / 1000).toFixed(1)} s`,
    '  invariants:',
  ]
  for (const inv of r.invariants) {
    lines.push(`    ${inv.pass ? 'PASS' : 'FAIL'} ${inv.name}: ${inv.summary}${inv.pass ? '' : ` — ${inv.failures.length} failures`}`)
    for (const failure of inv.failures.slice(0, maxFailures)) lines.push(`      - ${failure}`)
    if (inv.failures.length > maxFailures) lines.push(`      … and ${inv.failures.length - maxFailures} more`)
  }
  lines.push(`  RESULT: ${r.pass ? 'PASS' : 'FAIL'}`)
  return lines.join('\n')
}
