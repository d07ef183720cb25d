import type { CaseHistoryEntry, CaseRecord } from './case'

/**
 * The supervisor's approval queue (待审批): which cases wait, in which order, since when, and
 * whether they were taken in while the device was cut off from the central system.
 */

/**
 * A change that reached the central system this long after it was made on the device was made
 * offline. Tablet clocks drift by seconds, sync rounds take seconds: minutes mean no network.
 */
export const OFFLINE_GAP_MS = 5 * 60_000

/** The entry that put the case into the queue: its latest submission for approval. */
export function submissionOf(record: CaseRecord): CaseHistoryEntry | undefined {
  return record.history.findLast(entry => entry.to === 'pending_approval')
}

/**
 * A device clock further than this from the server's, at the push, is recorded on the history entry
 * (`clockSkewMs`) and shown in the queue; closer, it is the drift of any tablet.
 */
export const CLOCK_SKEW_SHOWN_MS = 2 * 60_000

/**
 * When a change was made, in the server's terms: the device's clock corrected by the skew the
 * server measured for its push, and never later than the server saw it arrive. A device clock set
 * to 2020 therefore cannot put a case at the head of the queue.
 */
export function deviceTimeOf(entry: CaseHistoryEntry): string {
  if (!entry.clientAt) return entry.at
  const corrected = Date.parse(entry.clientAt) - (entry.clockSkewMs ?? 0)
  return corrected < Date.parse(entry.at) ? new Date(corrected).toISOString() : entry.at
}

/** When the citizen's case started waiting for a supervisor: the submitting device's clock, corrected. */
export function waitingSince(record: CaseRecord): string {
  const entry = submissionOf(record)
  return entry ? deviceTimeOf(entry) : record.receivedAt
}

/** The submitting device's clock error in whole minutes (device minus server), when it was recorded. */
export function submissionSkewMinutes(record: CaseRecord): number | null {
  const skew = submissionOf(record)?.clockSkewMs
  return skew === undefined ? null : Math.round(skew / 60_000)
}

/** Made on a device that could not reach the central system at the time. */
export function madeOffline(entry: CaseHistoryEntry): boolean {
  if (!entry.clientAt) return false
  return Date.parse(entry.at) - Date.parse(deviceTimeOf(entry)) > OFFLINE_GAP_MS
}

/** Taken in or submitted while offline: the supervisor sees it arrived late, not that it waited idle. */
export function cameInOffline(record: CaseRecord): boolean {
  const submission = submissionOf(record)
  const create = record.history.find(entry => entry.kind === 'create')
  return (!!create && madeOffline(create)) || (!!submission && madeOffline(submission))
}

export interface QueuedCase { record: CaseRecord, urgent: boolean }

/** Urgent items first (爆破作业审批 must not wait behind routine ones), then the longest waiting. */
export function queueOrder(a: QueuedCase, b: QueuedCase): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1
  return waitingSince(a.record).localeCompare(waitingSince(b.record))
}

export interface Arrivals {
  cases: CaseRecord[]
  /** Distinct devices that submitted them ("5 cases arrived from 2 devices"). */
  devices: number
}

/**
 * The queued cases the supervisor has not seen yet and that did not come from their own device
 * (a case they submitted themselves is no news to them).
 */
export function arrivalsSince(queue: readonly CaseRecord[], seen: ReadonlySet<string>, ownDeviceId: string): Arrivals {
  const cases = queue.filter(record => !seen.has(record.id) && submissionOf(record)?.deviceId !== ownDeviceId)
  const devices = new Set(cases.map(record => submissionOf(record)?.deviceId ?? record.receivedBy))
  return { cases, devices: devices.size }
}
