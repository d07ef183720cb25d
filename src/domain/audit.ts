import * as v from 'valibot'

/**
 * A case's audit trail as the central system answers it (GET /api/cases/:id/audit): each applied
 * change with who, on which device, the server's and the device's time, and each changed field
 * before and after (ID numbers and phones masked). The app checks answers against this schema.
 */
export const FieldChangeSchema = v.object({ before: v.optional(v.unknown()), after: v.unknown() })
export type FieldChange = v.InferOutput<typeof FieldChangeSchema>

export const CaseAuditEntrySchema = v.object({
  seq: v.number(),
  mutationId: v.string(),
  op: v.string(),
  action: v.nullable(v.string()),
  actorId: v.string(),
  actorName: v.string(),
  deviceId: v.string(),
  serverTime: v.string(),
  /** The device's clock when the change was made (recorded, never trusted). */
  clientTime: v.string(),
  /** null only when the stored text is no longer JSON (tampered with: npm run audit:verify says where). */
  changes: v.nullable(v.record(v.string(), FieldChangeSchema)),
})
export type CaseAuditEntry = v.InferOutput<typeof CaseAuditEntrySchema>

export const CaseAuditResponseSchema = v.object({ caseId: v.string(), entries: v.array(CaseAuditEntrySchema) })

/** Where the audit chain ends: keep it elsewhere to notice a rewritten chain later. */
export const AuditHeadSchema = v.object({ seq: v.number(), hash: v.string() })
export type AuditHead = v.InferOutput<typeof AuditHeadSchema>

/**
 * Each case's audit entries replayed (field by field) and compared with the case as stored: every
 * case whose stored state differs from its history, e.g. after a direct UPDATE of `cases.data`.
 */
export const CaseReplaySchema = v.object({
  checked: v.number(),
  differing: v.number(),
  /** The first few differing cases (ids) with what differs first. */
  firstDiffering: v.array(v.object({ id: v.string(), reason: v.string() })),
})
export type CaseReplay = v.InferOutput<typeof CaseReplaySchema>

/**
 * The outcome of walking the whole chain and replaying every case (npm run audit:verify, GET
 * /api/audit/verify): `ok` only when both hold.
 */
export const VerifyResultSchema = v.object({
  ok: v.boolean(),
  /** Entries checked (up to and including the first broken one). */
  entries: v.number(),
  firstBroken: v.optional(v.object({ seq: v.number(), reason: v.string() })),
  head: v.optional(AuditHeadSchema),
  cases: v.optional(CaseReplaySchema),
})
export type VerifyResult = v.InferOutput<typeof VerifyResultSchema>
