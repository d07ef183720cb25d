import { uuidv7 } from 'uuidv7'

/** Time-ordered ids made on the device: entity ids and mutation idempotency keys. */
export const newId = (): string => uuidv7()

export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value)
