import * as v from 'valibot'
import { CASE_NO_PATTERN } from './case-number'
import { CASE_ACTIONS } from './case-status'
import type { Appointment } from './appointment-record'
import { type CaseRecord, INTAKE_FIELDS } from './case'
import type { ServiceItem } from './service-item'
import { ROLES } from './roles'
import { isUuid } from './ids'
import { utf8Length } from './json-depth'
import { normaliseText } from './text'

/** The sync protocol's wire format (docs/sync-protocol.md): one place, imported by the app, the worker and the server. */
export const MAX_BATCH = 500
export const MAX_PULL = 1000
export const MAX_BODY_BYTES = 1024 * 1024
/** Nesting of any request body; a push nests 5 levels (batch, mutations, mutation, payload, materials). */
export const MAX_JSON_DEPTH = 32
/** One mutation's payload, as UTF-8 JSON: a whole intake with 50 materials and long notes is under 8 KB. */
export const MAX_PAYLOAD_BYTES = 16 * 1024

const uuid = v.pipe(v.string(), v.check(isUuid, 'uuid'))
const isoTime = v.pipe(v.string(), v.isoTimestamp())
const DeviceIdSchema = v.pipe(v.string(), v.nonEmpty(), v.maxLength(64))

export const ENTITIES = ['case', 'appointment'] as const
export type Entity = (typeof ENTITIES)[number]
export const OPS = ['case.create', 'case.update', 'case.transition', 'appointment.noShow'] as const
export type MutationOp = (typeof OPS)[number]
/** The entity an op changes: `appointment.noShow` changes an appointment, the others a case. */
export const entityOfOp = (op: MutationOp): Entity => (op.startsWith('appointment.') ? 'appointment' : 'case')

export const MutationSchema = v.strictObject({
  id: uuid,
  deviceId: DeviceIdSchema,
  actorId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  entity: v.picklist(ENTITIES),
  entityId: uuid,
  op: v.picklist(OPS),
  baseVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  payload: v.record(v.string(), v.unknown()),
  clientTime: isoTime,
})
export type Mutation = v.InferOutput<typeof MutationSchema>

/**
 * Op payloads; checked after the envelope, so a bad payload rejects one mutation, not the batch.
 * A create's payload is the intake (CaseIntakeSchema checks it) plus these two, and nothing else.
 */
export const CreatePayloadSchema = v.looseObject({
  caseNo: v.pipe(v.string(), v.maxLength(40), v.regex(CASE_NO_PATTERN)),
  receivedAt: isoTime,
})
export const CREATE_FIELDS: ReadonlySet<string> = new Set([...Object.keys(CreatePayloadSchema.entries), ...INTAKE_FIELDS])

/** The first key of `payload` that its op does not know, to name it in the rejection. */
export function unknownKey(payload: Record<string, unknown>, known: ReadonlySet<string>): string | undefined {
  for (const key in payload) if (!known.has(key)) return key
  return undefined
}

/** A payload over MAX_PAYLOAD_BYTES of UTF-8 JSON (one clerk once stored 22 MB of rejected payloads in 3 s). */
export function payloadTooLarge(payload: Record<string, unknown>): boolean {
  const text = JSON.stringify(payload)
  // Each UTF-16 unit is at most 3 bytes of UTF-8: most payloads are decided without counting.
  return text.length * 3 > MAX_PAYLOAD_BYTES && utf8Length(text) > MAX_PAYLOAD_BYTES
}
/**
 * Sent with the change that settles a conflict, so the case's history records who chose what:
 * keep this device's change ('mine', re-sent on the current version) or the central system's ('theirs').
 */
export const ResolutionSchema = v.strictObject({ mutationId: uuid, choice: v.picklist(['mine', 'theirs']) })
export type Resolution = v.InferOutput<typeof ResolutionSchema>

export const UpdatePayloadSchema = v.strictObject({
  fields: v.record(v.string(), v.unknown()),
  resolves: v.optional(ResolutionSchema),
})
export const UPDATE_KEYS: ReadonlySet<string> = new Set(Object.keys(UpdatePayloadSchema.entries))
export const TransitionPayloadSchema = v.strictObject({
  action: v.picklist(CASE_ACTIONS),
  /** A status note (return, decline, withdraw): multi-line text, NFC; control characters are refused by the rule (text.ts). */
  note: v.optional(v.pipe(v.string(), v.transform(normaliseText), v.trim(), v.maxLength(500)), ''),
  resolves: v.optional(ResolutionSchema),
})
export const TRANSITION_KEYS: ReadonlySet<string> = new Set(Object.keys(TransitionPayloadSchema.entries))

/**
 * A batch of one device's changes, in the order they were made; each must carry the batch's device.
 * `sentAt` is the device's clock as it sends the batch: the server measures the clock's error from
 * it (optional: older devices do not send it).
 */
export const PushRequestSchema = v.pipe(
  v.strictObject({ deviceId: DeviceIdSchema, sentAt: v.optional(isoTime), mutations: v.pipe(v.array(MutationSchema), v.maxLength(MAX_BATCH)) }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const batch = dataset.value
    batch.mutations.forEach((m, index) => {
      if (m.deviceId === batch.deviceId) return
      addIssue({
        message: 'does not match the batch\'s deviceId',
        path: [
          { type: 'object', origin: 'value', input: batch, key: 'mutations', value: batch.mutations },
          { type: 'array', origin: 'value', input: batch.mutations, key: index, value: m },
          { type: 'object', origin: 'value', input: m, key: 'deviceId', value: m.deviceId },
        ],
      })
    })
  }),
)
export type PushRequest = v.InferOutput<typeof PushRequestSchema>

export const REJECT_CODES = ['INVALID', 'ILLEGAL_TRANSITION', 'FORBIDDEN', 'NOT_FOUND', 'DUPLICATE_ID'] as const
export type RejectCode = (typeof REJECT_CODES)[number]

const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)
/**
 * Entities travel whole; their fields are the server's and were checked when it applied them, so
 * an answer is checked to hold an object there and typed as the entity.
 */
const entity = <T>() => v.custom<T>(isRecord, 'object')

/**
 * `blockedBy` marks an answer given only because an earlier change of the same case in the batch
 * failed: this change was not judged, and is not logged, so the device keeps it waiting behind that one.
 */
export const PushResultSchema = v.variant('status', [
  v.object({ id: v.string(), status: v.picklist(['applied', 'duplicate']), version: v.number() }),
  v.object({
    id: v.string(), status: v.literal('conflict'), fields: v.array(v.string()),
    current: v.nullable(entity<CaseRecord>()), blockedBy: v.optional(v.string()),
  }),
  /** `message` is English for API users; `reason` is the i18n key the app shows in the user's language. */
  v.object({
    id: v.string(), status: v.literal('rejected'), code: v.picklist(REJECT_CODES), message: v.string(),
    reason: v.string(), field: v.optional(v.string()), blockedBy: v.optional(v.string()),
  }),
])
export type PushResult = v.InferOutput<typeof PushResultSchema>

export const PulledChangeSchema = v.variant('entity', [
  v.object({ entity: v.literal('case'), id: v.string(), version: v.number(), data: v.nullable(entity<CaseRecord>()) }),
  v.object({ entity: v.literal('serviceItem'), id: v.string(), version: v.number(), data: v.nullable(entity<ServiceItem>()) }),
  /** A booking of the puller's centre (every centre for an admin), whole: see appointment.ts. */
  v.object({ entity: v.literal('appointment'), id: v.string(), version: v.number(), data: v.nullable(entity<Appointment>()) }),
])
export type PulledChange = v.InferOutput<typeof PulledChangeSchema>

/**
 * `changes` and `cursor` are optional additions (older servers never send them, older devices never
 * ask): a device that pushes to `/api/sync/push?echo=1` gets the cases the batch changed, as stored
 * (the pull's shape), in seq order; if it also sends `&cursor=<its pull cursor>` and nothing else it
 * may see changed after that cursor, `cursor` is where its next pull starts, past its own changes.
 */
export const PushResponseSchema = v.object({
  results: v.array(PushResultSchema),
  changes: v.optional(v.array(PulledChangeSchema)),
  cursor: v.optional(v.string()),
})
export type PushResponse = v.InferOutput<typeof PushResponseSchema>

export const PullResponseSchema = v.object({
  changes: v.array(PulledChangeSchema),
  cursor: v.string(),
  hasMore: v.boolean(),
})
export type PullResponse = v.InferOutput<typeof PullResponseSchema>

/**
 * `center` is sent with the user so a device can number cases and show its centre offline.
 * `dataKey` is the device's own key for citizens' data at rest (32 bytes, base64url): the same for
 * every sign-in on this device, released only to a sign-in, never to a revoked device.
 */
export const LoginResponseSchema = v.object({
  token: v.string(),
  expiresAt: v.string(),
  dataKey: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'base64url key of 32 bytes')),
  user: v.object({
    id: v.string(), username: v.string(), name: v.string(), role: v.picklist(ROLES), centerId: v.string(),
    departments: v.optional(v.array(v.string())),
  }),
  /** Signed in with a one-time password: the app sends them to change it before anything else. */
  mustChangePassword: v.optional(v.boolean()),
  center: v.object({ id: v.string(), code: v.string(), name: v.string(), nameEn: v.string() }),
})
export type LoginResponse = v.InferOutput<typeof LoginResponseSchema>
