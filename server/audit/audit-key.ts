import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The key of the audit chain's HMAC, kept outside the database: whoever can write the database file
 * can recompute plain hashes, not keyed ones. From `AUDIT_KEY` (32 bytes or more, hex or base64), or
 * else the file `AUDIT_KEY_FILE` (default `<DATA_DIR>/audit.key`), which the server makes at its
 * first start (32 random bytes, hex, mode 0600). Back it up apart from the database: without it the
 * chain cannot be verified; with it next to every copy of the database, it protects nothing.
 */
export const AUDIT_KEY_FILE = 'audit.key'
const MIN_BYTES = 32

export class AuditKeyError extends Error {}

function decode(text: string, where: string): Buffer {
  const value = text.trim()
  const bytes = /^(?:[0-9a-f]{2})+$/i.test(value)
    ? Buffer.from(value, 'hex')
    : /^[A-Za-z0-9+/_-]+=*$/.test(value)
      ? Buffer.from(value, 'base64')
      : null
  if (!bytes || bytes.length < MIN_BYTES) throw new AuditKeyError(`${where} must hold at least ${MIN_BYTES} bytes as hex or base64`)
  return bytes
}

export const auditKeyFile = (dataDir: string, env: NodeJS.ProcessEnv = process.env) =>
  path.resolve(env.AUDIT_KEY_FILE || path.join(dataDir, AUDIT_KEY_FILE))

/**
 * The audit key. `create`: make the key file when there is none (the server's first start); the
 * verifier never makes one, it says where it looked.
 */
export function loadAuditKey(dataDir: string, opts: { create: boolean, env?: NodeJS.ProcessEnv }): Buffer {
  const env = opts.env ?? process.env
  if (env.AUDIT_KEY) return decode(env.AUDIT_KEY, 'AUDIT_KEY')
  const file = auditKeyFile(dataDir, env)
  if (fs.existsSync(file)) {
    // Readable by others, the key would be no better than the hashes it signs.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
      throw new AuditKeyError(`The audit key file ${file} is readable by other users: chmod 600 it`)
    }
    return decode(fs.readFileSync(file, 'utf8'), `The audit key file ${file}`)
  }
  if (!opts.create) {
    throw new AuditKeyError(`No audit key: set AUDIT_KEY, or AUDIT_KEY_FILE to the key file (the server makes ${file} at its first start)`)
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const key = randomBytes(MIN_BYTES)
  // 'wx': two servers starting at once never overwrite each other's key.
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  return key
}
