import SQLite from 'better-sqlite3'
import type { LogRow } from './server-state'

/** A push that the server was SIGKILLed under, and what its mutation log held just before and after. */
export interface KilledBatch {
  mutations: { id: string, entityId: string }[]
  /** Log status of each mutation id before the push was forwarded and right after the kill. */
  before: Record<string, string>
  after: Record<string, string>
}

function statuses(dbFile: string, ids: string[]): Record<string, string> {
  if (ids.length === 0) return {}
  const sql = new SQLite(dbFile, { readonly: true, fileMustExist: true })
  try {
    const rows = sql.prepare(`select id, status from mutations where id in (${ids.map(() => '?').join(',')})`).all(...ids) as { id: string, status: string }[]
    return Object.fromEntries(rows.map(row => [row.id, row.status]))
  }
  finally { sql.close() }
}

/**
 * Looks at the server's log around each kill, to tell a crash before the batch's commit from one
 * after it, and to check that a batch is never half applied (protocol: all or nothing).
 * The engine's lock means this push is the only request the server is working on.
 */
export class KillAudit {
  readonly batches: KilledBatch[] = []

  constructor(private readonly dbFile: string) {}

  beforeForward(body: Buffer): KilledBatch {
    const push = JSON.parse(body.toString('utf8')) as { mutations?: { id: string, entityId: string }[] }
    const mutations = (push.mutations ?? []).map(m => ({ id: m.id, entityId: m.entityId }))
    return { mutations, before: statuses(this.dbFile, mutations.map(m => m.id)), after: {} }
  }

  afterKill(batch: KilledBatch): void {
    batch.after = statuses(this.dbFile, batch.mutations.map(m => m.id))
    this.batches.push(batch)
  }
}

export const committed = (b: KilledBatch) => b.mutations.some(m => b.after[m.id] && !b.before[m.id])

/**
 * Half-applied batches: committed by the kill, yet a mutation of it was judged only later, without
 * an earlier mutation of the same case in the batch failing (which would have held it back unlogged).
 */
export function halfApplied(batches: KilledBatch[], finalLog: Map<string, LogRow>): string[] {
  const problems: string[] = []
  for (const b of batches.filter(committed)) {
    const failedEntities = new Set<string>()
    for (const m of b.mutations) {
      const after = b.after[m.id]
      if (after && after !== 'applied') failedEntities.add(m.entityId)
      if (!after && finalLog.has(m.id) && !failedEntities.has(m.entityId))
        problems.push(`batch of ${b.mutations.length} committed at the kill without ${m.id} (logged later as ${finalLog.get(m.id)!.status})`)
    }
  }
  return problems
}
