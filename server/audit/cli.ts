import path from 'node:path'
import { openSqliteStore } from '../store/sqlite-store'
import { loadAuditKey } from './audit-key'
import { verifyChain } from './verify'

/**
 * `npm run audit:verify [-- --data-dir ./data]`: checks the audit trail's hash chain of a database
 * (read-only; the server may keep running) under the audit key (AUDIT_KEY, or AUDIT_KEY_FILE,
 * default <data dir>/audit.key). Exit 0 when intact, 1 when broken, 2 when it cannot check (no key,
 * no database).
 */
function dataDirArg(args: string[]): string {
  const index = args.findIndex(a => a === '--data-dir' || a.startsWith('--data-dir='))
  if (index < 0) return process.env.DATA_DIR ?? './data'
  const value = args[index]!.includes('=') ? args[index]!.slice('--data-dir='.length) : args[index + 1]
  if (!value) throw new Error('--data-dir needs a folder')
  return value
}

try {
  const dataDir = path.resolve(dataDirArg(process.argv.slice(2)))
  const key = loadAuditKey(dataDir, { create: false })
  const store = openSqliteStore(dataDir, { readonly: true })
  try {
    const result = await verifyChain(store, key)
    if (result.firstBroken) {
      const { seq, reason } = result.firstBroken
      console.error(`Audit trail BROKEN at seq ${seq}: ${reason}`)
      console.error(`(${result.entries} entries checked, ${dataDir})`)
    }
    else {
      console.info(`Audit trail intact: ${result.entries} entries verified (${dataDir}).`)
      console.info(`Head: seq ${result.head!.seq}, hash ${result.head!.hash}`)
    }
    const cases = result.cases!
    if (cases.differing) {
      console.error(`${cases.differing} of ${cases.checked} cases DIFFER from their audit history, e.g.:`)
      for (const { id, reason } of cases.firstDiffering) console.error(`  ${id}: ${reason}`)
    }
    else console.info(`Cases match their history: ${cases.checked} replayed.`)
    process.exitCode = result.ok ? 0 : 1
  }
  finally {
    await store.close()
  }
}
catch (error) {
  console.error(`Cannot verify the audit trail: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 2
}
