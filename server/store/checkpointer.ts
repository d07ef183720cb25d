import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type SQLite from 'better-sqlite3'

/**
 * WAL checkpoints off the request path. By default the connection that commits copies the WAL back
 * into the database file (and fsyncs it) whenever the WAL passes 1,000 pages: under a stream of
 * pushes that was a stall every few batches, inside a push. A worker thread with a connection of its
 * own runs PASSIVE checkpoints instead (they never block writers or readers), on the other core;
 * the writer keeps an automatic checkpoint only far behind, should the worker ever fall behind.
 */
const INTERVAL_MS = 100
const FALLBACK_PAGES = 20_000

// Plain JavaScript, so the worker runs the same under tsx, vitest and a bundle.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const SQLite = require(workerData.module)
const db = new SQLite(workerData.file)
db.pragma('busy_timeout = 1000')
db.pragma('synchronous = NORMAL')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch { /* busy now: the next tick tries again */ }
}, workerData.interval)
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close() })
`

/** Starts checkpointing the connection's database in a worker; the returned function stops it. */
export function startCheckpointer(sqlite: SQLite.Database): () => Promise<void> {
  if (sqlite.memory || sqlite.readonly) return async () => {}
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, { eval: true, workerData: { module, file: sqlite.name, interval: INTERVAL_MS } })
  worker.unref()
  // Without the worker (it failed to start or died), the writer checkpoints as before.
  worker.on('error', () => { if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000') })
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`)
  let stopped: Promise<void> | undefined
  return () => stopped ??= (async () => {
    // Waited for (ref), so the connection is closed before the caller closes or removes the file.
    worker.ref()
    const exited = new Promise(resolve => worker.once('exit', resolve))
    worker.postMessage('stop')
    let timer: NodeJS.Timeout | undefined
    await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, 1000) })])
    clearTimeout(timer)
    await worker.terminate()
  })()
}
