import * as v from 'valibot'
import type { CaseAction, CaseStatus } from './case-status'
import { CREDIT_CODE_PROBLEMS, creditCodeProblem } from './credit-code'
import { isUuid } from './ids'
import { isMobile, normaliseMobile } from './mobile'
import { RESIDENT_ID_PROBLEMS, residentIdProblem } from './resident-id'
import { hasControlChars, normaliseIdNumber, normaliseText } from './text'

/**
 * 办件: one application by one applicant for one service item. Field error messages are i18n keys
 * (`field.<problem>`), so the form, the server and the outbox page say the same thing in zh-CN or en.
 */
export const CHANNELS = ['window', 'outreach', 'appointment'] as const
export type Channel = (typeof CHANNELS)[number]
export type ApplicantType = 'person' | 'enterprise'

/**
 * Every message the intake schema gives (an i18n key under `field.`). Each message below goes
 * through `problem`, so a new one does not type-check until it is listed here, and the list is
 * what the server's English sentences and the app's translations are tested against.
 */
export const INTAKE_PROBLEMS = [
  'required', 'tooLong', 'invalid', 'controlChars', 'mobile.format',
  ...RESIDENT_ID_PROBLEMS.map(p => `residentId.${p}` as const),
  ...CREDIT_CODE_PROBLEMS.map(p => `creditCode.${p}` as const),
] as const
export type IntakeProblem = (typeof INTAKE_PROBLEMS)[number]
const problem = (key: IntakeProblem) => key

/** Names and free text: NFC, trimmed, no control characters (text.ts); a line break only where `multiline`. */
const text = (max: number, opts: { multiline?: boolean } = {}) => v.pipe(
  v.string(), v.transform(normaliseText), v.trim(), v.maxLength(max, problem('tooLong')),
  v.check(value => !hasControlChars(value, opts), problem('controlChars')),
)
const required = (max: number) => v.pipe(text(max), v.nonEmpty(problem('required')))
/** An ID number as typed or pasted (full-width, spaced, lower x), in the form the checksum rules read. */
const idText = v.pipe(v.string(), v.transform(normaliseIdNumber), v.maxLength(18, problem('tooLong')), v.nonEmpty(problem('required')))

const residentId = v.pipe(idText, v.rawCheck(({ dataset, addIssue }) => {
  if (!dataset.typed) return
  const found = residentIdProblem(dataset.value)
  if (found) addIssue({ message: problem(`residentId.${found}`) })
}))

const creditCode = v.pipe(idText, v.rawCheck(({ dataset, addIssue }) => {
  if (!dataset.typed) return
  const found = creditCodeProblem(dataset.value)
  if (found) addIssue({ message: problem(`creditCode.${found}`) })
}))

const mobile = v.pipe(v.string(), v.transform(normaliseMobile), v.nonEmpty(problem('required')), v.check(isMobile, problem('mobile.format')))

const common = {
  applicantName: required(60),
  phone: mobile,
  serviceItemId: v.pipe(v.string(), v.nonEmpty(problem('required'))),
  materials: v.pipe(v.array(text(100)), v.maxLength(50)),
  channel: v.picklist(CHANNELS, problem('required')),
  windowNo: text(10),
  notes: text(500, { multiline: true }),
  /** 到号: the appointment (预约) the applicant came for; taking the case in checks it in. */
  appointmentId: v.optional(v.pipe(v.string(), v.check(isUuid, problem('invalid')))),
}

/**
 * Valibot's own messages are English sentences, not i18n keys; issues without a message of ours
 * (a missing key, a wrong type, an over-long material name) get a key too.
 */
const intakeFallbackMessage = (issue: v.BaseIssue<unknown>): IntakeProblem =>
  issue.type === 'max_length' ? 'tooLong' : issue.received === 'undefined' ? 'required' : 'invalid'

/** What the clerk fills in at intake; also what an update may change. */
export const CaseIntakeSchema = v.config(v.pipe(
  v.variant('applicantType', [
    v.object({ applicantType: v.literal('person'), idNumber: residentId, contactName: text(30), ...common }),
    // Enterprises apply through an agent (经办人) whose name the window needs.
    v.object({ applicantType: v.literal('enterprise'), idNumber: creditCode, contactName: required(30), ...common }),
  ], problem('required')),
  v.forward(
    v.check(intake => intake.channel !== 'window' || intake.windowNo !== '', problem('required')),
    ['windowNo'],
  ),
), { message: intakeFallbackMessage })
export type CaseIntake = v.InferOutput<typeof CaseIntakeSchema>

/** Every field of the intake, as a `case.create` payload carries them (beside caseNo and receivedAt). */
export const INTAKE_FIELDS = [
  'applicantType', 'applicantName', 'idNumber', 'contactName', 'phone', 'serviceItemId', 'materials', 'channel', 'windowNo', 'notes',
  'appointmentId',
] as const satisfies readonly (keyof CaseIntake)[]

/** Fields a `case.update` may change; identity, status and bookkeeping fields are not among them. */
export const UPDATABLE_FIELDS = [
  'applicantName', 'idNumber', 'contactName', 'phone', 'materials', 'windowNo', 'notes',
] as const satisfies readonly (keyof CaseIntake)[]
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number]

export interface CaseHistoryEntry {
  mutationId: string
  /** Server time once applied; device time while only on the device. */
  at: string
  /** The device's clock when the change was made (absent in entries from before it was kept). */
  clientAt?: string
  /** The device the change was made on. */
  deviceId?: string
  /**
   * How far the pushing device's clock was from the server's (device minus server, ms), when more
   * than 2 minutes: `clientAt` minus this is the device time in the server's terms.
   */
  clockSkewMs?: number
  actorId: string
  actorName: string
  kind: 'create' | 'update' | CaseAction
  from?: CaseStatus
  to?: CaseStatus
  note?: string
  fields?: string[]
  /** This change settled a conflict over an earlier change of a device. */
  resolves?: { mutationId: string, choice: 'mine' | 'theirs' }
}

export interface CaseRecord {
  id: string
  /** 办件编号 made on the device so the receipt can be given while offline. */
  caseNo: string
  centerId: string
  serviceItemId: string
  serviceItemName: string
  applicantType: ApplicantType
  applicantName: string
  idNumber: string
  contactName: string
  phone: string
  materials: string[]
  channel: Channel
  windowNo: string
  notes: string
  /** The appointment this case was taken in from (check-in), if any. */
  appointmentId?: string
  status: CaseStatus
  /** The reason given with the latest return, decline or withdrawal. */
  statusNote: string
  receivedAt: string
  receivedBy: string
  receivedByName: string
  updatedAt: string
  /** Server version; 0 while the case exists only on this device. */
  version: number
  history: CaseHistoryEntry[]
}

/** Field errors keyed by field name, each an i18n key under `field.*`. */
export type FieldErrors = Partial<Record<string, string>>

export function fieldErrors(issues: v.BaseIssue<unknown>[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const key = v.getDotPath(issue) ?? 'form'
    errors[key] ??= issue.message
  }
  return errors
}

export function validateIntake(input: unknown):
  | { ok: true, value: CaseIntake }
  | { ok: false, errors: Partial<Record<string, IntakeProblem>> } {
  const result = v.safeParse(CaseIntakeSchema, input)
  // Every message of the schema above comes from `problem` or intakeFallbackMessage.
  return result.success ? { ok: true, value: result.output } : { ok: false, errors: fieldErrors(result.issues) as Partial<Record<string, IntakeProblem>> }
}

/** The intake fields of a stored case, e.g. to re-validate it after an update. */
export function intakeOf(record: CaseRecord): Record<keyof CaseIntake, unknown> {
  const { applicantType, applicantName, idNumber, contactName, phone, serviceItemId, materials, channel, windowNo, notes, appointmentId } = record
  return { applicantType, applicantName, idNumber, contactName, phone, serviceItemId, materials, channel, windowNo, notes, appointmentId }
}
