import { median } from './stats'

/**
 * One line of the result table: a figure measured several times (its median is the value), its
 * target, and where the issue names one, a baseline measured in the same run and the ratio to it.
 */
export interface Figure {
  name: string
  unit: string
  runs: number[]
  /** Median of the runs unless a scenario says otherwise (e.g. p95 of intakes, median over rounds). */
  value: number
  target: { op: '<=' | '>=', value: number }
  baseline?: { value: number, note: string }
  /** Required "times better than the baseline". */
  minRatio?: number
  note?: string
}

export function figure(f: Omit<Figure, 'value'> & { value?: number }): Figure {
  return { ...f, value: f.value ?? median(f.runs) }
}

/** "Times better" than the baseline: faster for times, more for rates. */
export function ratio(f: Figure): number | undefined {
  if (!f.baseline) return undefined
  return f.target.op === '<=' ? f.baseline.value / f.value : f.value / f.baseline.value
}

export function passes(f: Figure): boolean {
  const within = f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value
  const r = ratio(f)
  return within && (f.minRatio === undefined || (r !== undefined && r >= f.minRatio))
}

const num = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2))
const withUnit = (n: number, unit: string) => `${num(n)} ${unit}`

/** Columns padded by display width (a CJK character or × takes one cell here; names are ASCII). */
export function formatTable(figures: readonly Figure[]): string {
  const rows = [['figure', 'measured (median)', 'runs', 'target', 'baseline', 'ratio', 'result']]
  for (const f of figures) {
    const r = ratio(f)
    rows.push([
      f.name, withUnit(f.value, f.unit), String(f.runs.length),
      `${f.target.op === '<=' ? '≤' : '≥'} ${withUnit(f.target.value, f.unit)}${f.minRatio ? `, ≥ ${f.minRatio}×` : ''}`,
      f.baseline ? `${withUnit(f.baseline.value, f.unit)} (${f.baseline.note})` : '–',
      r === undefined ? '–' : `${num(r)}×`, passes(f) ? 'pass' : 'FAIL',
    ])
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map(row => row[i]!.length)))
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  const rule = `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`
  const notes = figures.filter(f => f.note).map(f => `- ${f.name}: ${f.note}`)
  return [line(rows[0]!), rule, ...rows.slice(1).map(line), '', ...notes].join('\n')
}
