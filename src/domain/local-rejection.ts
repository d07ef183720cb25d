/** A change the device's own rules refused before it was stored; `reason` is an i18n key shown on `field`. */
export class LocalRejection extends Error {
  constructor(readonly code: string, readonly reason: string, readonly field?: string) {
    super(`${code}: ${reason}${field ? ` (${field})` : ''}`)
  }
}
