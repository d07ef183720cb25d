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

/** The outcome of walking the whole chain (npm run audit:verify, GET /api/audit/verify). */
export const VerifyResultSchema = v.object({
  ok: v.boolean(),
  /** Entries checked (up to and including the first broken one). */
  entries: v.number(),
  firstBroken: v.optional(v.object({ seq: v.number(), reason: v.string() })),
  head: v.optional(AuditHeadSchema),
})
export type VerifyResult = v.InferOutput<typeof VerifyResultSchema>
