/**
 * 办件编号: centre code, day, device tag and the device's sequence for that day, e.g.
 * `ORD-20261128-K7Q2X-0003`. Made on the device so a receipt can be printed offline; the device tag
 * (random per installation) keeps numbers from two tablets apart without asking the server.
 */
export function formatCaseNo(centerCode: string, day: string, deviceTag: string, seq: number): string {
  return `${centerCode}-${day.replaceAll('-', '')}-${deviceTag}-${String(seq).padStart(4, '0')}`
}

export const CASE_NO_PATTERN = /^[A-Z]{2,6}-\d{8}-[0-9A-Z]{5}-\d{4,}$/

const TAG_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // Crockford base32: no I, L, O, U to misread

export function newDeviceTag(random: (n: number) => Uint8Array = n => crypto.getRandomValues(new Uint8Array(n))): string {
  return Array.from(random(5), byte => TAG_ALPHABET[byte % 32]).join('')
}
