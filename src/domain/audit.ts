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
  clientTime: v.string(),
  changes: v.record(v.string(), FieldChangeSchema),
})
export type CaseAuditEntry = v.InferOutput<typeof CaseAuditEntrySchema>

export const CaseAuditResponseSchema = v.object({ caseId: v.string(), entries: v.array(CaseAuditEntrySchema) })
