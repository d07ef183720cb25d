import type { RefusalReason } from '../../src/domain/refusal-reasons'

/**
 * English sentences for the reason keys of rejections. The app shows `reason` through its own i18n;
 * `message` is for API users and logs. Keys come from src/domain (reject.*, transition.*, field.*)
 * plus the few the server itself decides (marked "server").
 */
const REASONS: Record<string, string> = {
  'reject.actorMismatch': 'The mutation was made by a different user than the one signed in to this session.',
  'reject.role': 'Your role is not allowed to make this change.',
  'reject.caseNotFound': 'The case does not exist.',
  'reject.otherCenter': 'The case belongs to another service centre.',
  'reject.caseExists': 'A case with this id already exists.',
  'reject.invalidPayload': 'The change is malformed for its operation.',
  'reject.itemNotFound': 'The service item is not in the catalogue.',
  'reject.applicantType': 'This service item does not accept this type of applicant.',
  'reject.finalCase': 'The case is closed (completed, declined or withdrawn) and can no longer be edited.',
  'reject.fieldNotEditable': 'This field cannot be changed after intake.',
  'reject.unknownField': 'This key is not part of the operation\'s payload.',
  'reject.caseNoCenter': 'The case number does not carry the code of your service centre.',
  'reject.caseNoDate': 'The case number\'s date is not within a day of when the case was received, or is after tomorrow.',
  'reject.ownCase': 'Separation of duties: nobody decides a case they took in themselves.',
  'reject.supervisorDecides': 'The case waits for a supervisor\'s decision: only a supervisor may approve, return or decline it.',
  'reject.otherDepartment': 'The case\'s service item is not of a department you decide for.',
  'reject.awaitingDecision': 'The case waits for a supervisor\'s decision and cannot be edited until it is decided.',
  'reject.approvedLocked': 'The case is approved and cannot be edited: it is completed on the data the supervisor approved.',
  'reject.appointmentNotFound': 'The appointment does not exist.',
  'reject.appointmentOtherCenter': 'The appointment belongs to another service centre.',
  'reject.appointmentNotBooked': 'Only a booked appointment can be marked as a no-show; this one was checked in, cancelled or marked already.',
  'reject.slotNotEnded': 'The appointment\'s slot has not ended yet by the centre\'s clock; a no-show can be marked only after it.',
  'transition.state': 'This action is not allowed in the case\'s current status.',
  'transition.approval': 'This action does not fit whether the service item needs a supervisor\'s approval.',
  'field.required': 'A required field is missing or empty.',
  'field.tooLong': 'A field is longer than allowed.',
  'field.invalid': 'A field has the wrong type or format.',
  'field.controlChars': 'A field contains control or text-direction characters (only a line break, and only in notes).',
  'field.residentId.format': 'The resident identity number must be 17 digits followed by a digit or X.',
  'field.residentId.region': 'The resident identity number starts with an unknown region code.',
  'field.residentId.birthDate': 'The resident identity number contains an impossible birth date.',
  'field.residentId.checksum': 'The resident identity number\'s check character is wrong (GB 11643).',
  'field.creditCode.format': 'The unified social credit code must be 18 characters without I, O, S, V or Z.',
  'field.creditCode.checksum': 'The unified social credit code\'s check character is wrong (GB 32100).',
  'field.mobile.format': 'The mobile number must be 11 digits starting with 13–19.',
  // server
  'reject.earlierFailed': 'An earlier change to the same case in this batch was not applied; resolve it first.',
  'reject.caseNoTaken': 'Another case already has this case number.',
  'reject.mutationIdReused': 'This mutation id was already used for a different change.',
  'reject.baseVersionAhead': 'baseVersion is above the version the central system has; the change was not made on a version it sent.',
  'reject.payloadTooLarge': 'The change\'s payload is larger than 16 KB of UTF-8 JSON.',
} satisfies Record<RefusalReason, string> & Record<string, string>

export const knownReasons = (): string[] => Object.keys(REASONS)

/** The English message of a rejection, naming the field when there is one. */
export function reasonMessage(reason: string, field?: string): string {
  const sentence = REASONS[reason] ?? `The change was rejected (${reason}).`
  return field ? `${field}: ${sentence}` : sentence
}
