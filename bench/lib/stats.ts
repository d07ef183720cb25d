/** Order statistics of benchmark runs (nearest-rank). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export const median = (values: readonly number[]) => percentile(values, 50)

/** Runs `work` `times` times one after another and returns each result. */
export async function repeat<T>(times: number, work: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let i = 0; i < times; i++) results.push(await work(i))
  return results
}
