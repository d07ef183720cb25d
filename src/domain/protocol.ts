import * as v from 'valibot'
import { CASE_NO_PATTERN } from './case-number'
import { CASE_ACTIONS } from './case-status'
import type { Appointment } from './appointment-record'
import type { CaseRecord } from './case'
import type { ServiceCenter, ServiceItem } from './service-item'
import type { StaffUser } from './roles'
import { isUuid } from './ids'

/** The wire contract of SYNC-PROTOCOL.md: one place, imported by the app, the worker and the server. */
export const MAX_BATCH = 500
export const MAX_PULL = 1000
export const MAX_BODY_BYTES = 1024 * 1024

const uuid = v.pipe(v.string(), v.check(isUuid, 'uuid'))
const isoTime = v.pipe(v.string(), v.isoTimestamp())

export const ENTITIES = ['case', 'appointment'] as const
export type Entity = (typeof ENTITIES)[number]
export const OPS = ['case.create', 'case.update', 'case.transition', 'appointment.noShow'] as const
export type MutationOp = (typeof OPS)[number]
/** The entity an op changes: `appointment.noShow` changes an appointment, the others a case. */
export const entityOfOp = (op: MutationOp): Entity => (op.startsWith('appointment.') ? 'appointment' : 'case')

export const MutationSchema = v.strictObject({
  id: uuid,
  deviceId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  actorId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  entity: v.picklist(ENTITIES),
  entityId: uuid,
  op: v.picklist(OPS),
  baseVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  payload: v.record(v.string(), v.unknown()),
  clientTime: isoTime,
})
export type Mutation = v.InferOutput<typeof MutationSchema>

/** Op payloads; checked after the envelope, so a bad payload rejects one mutation, not the batch. */
export const CreatePayloadSchema = v.looseObject({
  caseNo: v.pipe(v.string(), v.maxLength(40), v.regex(CASE_NO_PATTERN)),
  receivedAt: isoTime,
})
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
export const TransitionPayloadSchema = v.strictObject({
  action: v.picklist(CASE_ACTIONS),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500)), ''),
  resolves: v.optional(ResolutionSchema),
})

export const PushRequestSchema = v.strictObject({
  deviceId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  mutations: v.pipe(v.array(v.unknown()), v.maxLength(MAX_BATCH)),
})

export const REJECT_CODES = ['INVALID', 'ILLEGAL_TRANSITION', 'FORBIDDEN', 'NOT_FOUND', 'DUPLICATE_ID'] as const
export type RejectCode = (typeof REJECT_CODES)[number]

/**
 * `blockedBy` marks an answer given only because an earlier change of the same case in the batch
 * failed: this change was not judged, and is not logged, so the device keeps it waiting behind that one.
 */
export type PushResult =
  | { id: string, status: 'applied' | 'duplicate', version: number }
  | { id: string, status: 'conflict', fields: string[], current: CaseRecord | null, blockedBy?: string }
  /** `message` is English for API users; `reason` is the i18n key the app shows in the user's language. */
  | { id: string, status: 'rejected', code: RejectCode, message: string, reason: string, field?: string, blockedBy?: string }

/**
 * `changes` and `cursor` are optional additions (older servers never send them, older devices never
 * ask): a device that pushes to `/api/sync/push?echo=1` gets the cases the batch changed, as stored
 * (the pull's shape), in seq order; if it also sends `&cursor=<its pull cursor>` and nothing else it
 * may see changed after that cursor, `cursor` is where its next pull starts, past its own changes.
 */
export interface PushResponse { results: PushResult[], changes?: PulledChange[], cursor?: string }

export type PulledChange =
  | { entity: 'case', id: string, version: number, data: CaseRecord | null }
  | { entity: 'serviceItem', id: string, version: number, data: ServiceItem | null }
  /** A booking of the puller's centre (every centre for an admin), whole: see appointment.ts. */
  | { entity: 'appointment', id: string, version: number, data: Appointment | null }

export interface PullResponse { changes: PulledChange[], cursor: string, hasMore: boolean }

/** `center` is sent with the user so a device can number cases and show its centre offline. */
export interface LoginResponse { token: string, expiresAt: string, user: StaffUser, center: ServiceCenter }

/** The device checks answers against these, so a captive portal's HTML 200 is never taken for success. */
const PulledChangeSchema = v.object({
  entity: v.picklist(['case', 'serviceItem', 'appointment']),
  id: v.string(),
  version: v.number(),
  data: v.nullable(v.record(v.string(), v.unknown())),
})
export const PushResponseSchema = v.object({
  results: v.array(v.variant('status', [
    v.object({ id: v.string(), status: v.picklist(['applied', 'duplicate']), version: v.number() }),
    v.object({
      id: v.string(), status: v.literal('conflict'), fields: v.array(v.string()),
      current: v.nullable(v.record(v.string(), v.unknown())), blockedBy: v.optional(v.string()),
    }),
    v.object({
      id: v.string(), status: v.literal('rejected'), code: v.string(), message: v.string(),
      reason: v.optional(v.string()), field: v.optional(v.string()), blockedBy: v.optional(v.string()),
    }),
  ])),
  changes: v.optional(v.array(PulledChangeSchema)),
  cursor: v.optional(v.string()),
})
export const PullResponseSchema = v.object({
  changes: v.array(PulledChangeSchema),
  cursor: v.string(),
  hasMore: v.boolean(),
})
