/**
 * Pull cursors are opaque to clients: base64url of `s<seq>`, so the format can change (e.g. to a
 * per-shard position) without a protocol change. An empty cursor means "from the beginning".
 */
export const encodeCursor = (seq: number) => Buffer.from(`s${seq}`).toString('base64url')

/** The seq of a cursor, or null when it is not one this server made. */
export function decodeCursor(cursor: string): number | null {
  if (cursor === '') return 0
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(cursor)) return null
  const match = /^s(0|[1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'))
  const seq = match ? Number(match[1]) : NaN
  return Number.isSafeInteger(seq) && encodeCursor(seq) === cursor ? seq : null
}
