/**
 * IndexedDB failures a person can do something about. Browsers report a full disk as a
 * QuotaExceededError, sometimes wrapped in the AbortError of the transaction it killed (Dexie
 * keeps the original in `inner`); WebKit loses its connection to the database process now and then.
 */
interface ErrorLike { name?: string, message?: string, inner?: unknown }

function chain(error: unknown): ErrorLike[] {
  const seen: ErrorLike[] = []
  let current = error as ErrorLike | undefined
  while (current && typeof current === 'object' && seen.length < 5) {
    seen.push(current)
    current = current.inner as ErrorLike | undefined
  }
  return seen
}

export const isQuotaError = (error: unknown) =>
  chain(error).some(e => e.name === 'QuotaExceededError' || e.name === 'QuotaExceeded')

export const isConnectionLost = (error: unknown) =>
  chain(error).some(e => e.name === 'DatabaseClosedError' || /connection to indexed database server lost/i.test(e.message ?? ''))
