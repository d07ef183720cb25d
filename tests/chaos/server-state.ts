import SQLite from 'better-sqlite3'
import type { CaseRecord } from '../../src/domain'

/** One row of the server's processed-mutation log. */
export interface LogRow {
  id: string
  device_id: string
  actor_id: string
  entity_id: string
  op: string
  base_version: number
  status: string
  result: string
}

export interface ServerCase { id: string, centerId: string, version: number, data: CaseRecord }

/** What the central server holds at the end, read straight from its SQLite file (read-only). */
export interface ServerState {
  log: Map<string, LogRow>
  /** Applied log rows per entity, in log order. */
  appliedByEntity: Map<string, LogRow[]>
  cases: Map<string, ServerCase>
}

export function readServerState(dbFile: string): ServerState {
  const sql = new SQLite(dbFile, { readonly: true, fileMustExist: true })
  try {
    const rows = sql.prepare('select id, device_id, actor_id, entity_id, op, base_version, status, result from mutations order by rowid')
      .all() as LogRow[]
    const log = new Map(rows.map(row => [row.id, row]))
    const appliedByEntity = new Map<string, LogRow[]>()
    for (const row of rows) {
      if (row.status !== 'applied') continue
      appliedByEntity.set(row.entity_id, [...appliedByEntity.get(row.entity_id) ?? [], row])
    }
    const caseRows = sql.prepare('select id, center_id, version, data from cases').all() as
      { id: string, center_id: string, version: number, data: string }[]
    const cases = new Map(caseRows.map(row => [row.id, {
      id: row.id, centerId: row.center_id, version: row.version, data: JSON.parse(row.data) as CaseRecord,
    }]))
    return { log, appliedByEntity, cases }
  }
  finally { sql.close() }
}
