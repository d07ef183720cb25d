import { isDeepStrictEqual } from 'node:util'

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

/** The fields where a device's copy of a case differs from the server's, for a failure message. */
export function caseDiff(device: object | undefined, server: object | undefined): string {
  if (!device || !server) return `device: ${show(device)}\n      server: ${show(server)}`
  const a = device as Record<string, unknown>
  const b = server as Record<string, unknown>
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
  return keys.filter(key => !isDeepStrictEqual(a[key], b[key]))
    .map(key => `${key}: device ${show(a[key])} ≠ server ${show(b[key])}`).join('\n      ')
}

export const sameCase = (device: object | undefined, server: object | undefined) => isDeepStrictEqual(device, server)

/** A JSON line for a failure message (log rows, outbox entries), cut to a readable length. */
export const brief = (value: unknown, max = 600) => {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > max ? `${text.slice(0, max)}…` : text
}
