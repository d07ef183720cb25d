import * as v from 'valibot'
import { defineRoute } from './route'

/**
 * The devices staff signed in on, for administrators: who used each last, when it was last in
 * contact, and whether it was revoked. A revoked device's sessions get 401 DEVICE_REVOKED, it can
 * sign in no more, and at its next contact it wipes what it holds (except changes still waiting).
 */
export const DeviceSchema = v.object({
  id: v.string(),
  firstSeen: v.string(),
  /** The last sign-in or request, to the minute (updated at most once a minute). */
  lastSeen: v.string(),
  lastUser: v.nullable(v.object({ id: v.string(), username: v.string(), name: v.string(), centerId: v.string(), centerCode: v.string() })),
  revokedAt: v.nullable(v.string()),
  revokedBy: v.nullable(v.object({ id: v.string(), name: v.string() })),
})
export type Device = v.InferOutput<typeof DeviceSchema>

/** Every device, most recently in contact first; `?centerId=` those whose last user is of that centre. */
export const listDevices = defineRoute({
  method: 'GET', path: '/api/devices', access: 'admin',
  query: v.object({ centerId: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
  response: v.object({ devices: v.array(DeviceSchema) }),
})

export const revokeDevice = defineRoute({
  method: 'POST', path: '/api/devices/:id/revoke', access: 'admin',
  params: v.object({ id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)) }),
  response: v.object({ device: DeviceSchema }),
})
