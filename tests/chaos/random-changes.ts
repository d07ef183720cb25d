import {
  type CaseAction, type CaseIntake, type CaseRecord, type ServiceItem, type StaffUser,
  FINAL_STATUSES, TRANSITIONS, allowedActions, residentIdCheckChar,
} from '../../src/domain'
import type { Prng } from './prng'

/** Random but valid changes a desk could make, chosen with the device's own PRNG stream. */
export type Plan =
  | { op: 'case.create', intake: CaseIntake }
  | { op: 'case.update', caseId: string, fields: Record<string, string> }
  | { op: 'case.transition', caseId: string, action: CaseAction, note?: string }

const REGIONS = ['150602', '150621', '150627'] // Ordos, like the demo centre's applicants
const NAMES = ['王秀英', '李建华', '张海燕', '刘志强', '陈丽娟', '杨浩然', '赵雨欣', '周国庆']
const EDITABLE = ['phone', 'notes', 'windowNo'] as const
/** Only the newest few open cases are "hot", so devices often edit the same case unsynced. */
const HOT_CASES = 4

export function residentId(rng: Prng): string {
  const birth = `${rng.int(1950, 2005)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`
  const first17 = `${rng.pick(REGIONS)}${birth}${String(rng.int(0, 999)).padStart(3, '0')}`
  return first17 + residentIdCheckChar(first17)
}

export const mobile = (rng: Prng) => `1${rng.int(3, 9)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`

export function randomIntake(rng: Prng, items: ServiceItem[]): CaseIntake {
  const item = rng.pick(items.filter(i => i.applicants.includes('person')))
  const channel = rng.pick(['window', 'window', 'outreach', 'appointment'] as const)
  return {
    applicantType: 'person', applicantName: rng.pick(NAMES), idNumber: residentId(rng), contactName: '',
    phone: mobile(rng), serviceItemId: item.id, materials: item.materials.slice(0, rng.int(0, 2)).map(m => m.name),
    channel, windowNo: channel === 'window' ? String(rng.int(1, 30)) : '', notes: '',
  }
}

/** A new value for a field, always different from the current one (so the change is real). */
function newValue(rng: Prng, field: (typeof EDITABLE)[number], current: string): string {
  for (;;) {
    const value = field === 'phone' ? mobile(rng) : field === 'notes' ? `备注${rng.int(1, 9999)}` : String(rng.int(1, 30))
    if (value !== current) return value
  }
}

function pickCase(rng: Prng, cases: CaseRecord[]): CaseRecord {
  const open = cases.filter(c => !FINAL_STATUSES.includes(c.status)).sort((a, b) => (a.id < b.id ? 1 : -1))
  // uuidv7 ids sort by creation time: the hot set is the newest open cases every device sees.
  if (open.length && rng.chance(0.6)) return rng.pick(open.slice(0, HOT_CASES))
  return rng.pick(cases)
}

/**
 * The next change. Mostly valid by the local rules; a few are not (an edit of a closed case, an
 * action the status does not allow), so the device's own refusal is exercised too.
 */
export function planChange(rng: Prng, user: StaffUser, cases: CaseRecord[], items: Map<string, ServiceItem>): Plan {
  const roll = rng.next()
  if (roll < 0.25 || cases.length === 0) return { op: 'case.create', intake: randomIntake(rng, [...items.values()]) }
  const target = pickCase(rng, cases)
  if (roll < 0.7) {
    const fields: Record<string, string> = {}
    for (const field of rng.chance(0.2) ? EDITABLE : [rng.pick(EDITABLE)]) fields[field] = newValue(rng, field, target[field])
    return { op: 'case.update', caseId: target.id, fields }
  }
  const item = items.get(target.serviceItemId)
  const allowed = allowedActions({
    status: target.status, role: user.role, needsApproval: item?.needsApproval ?? false,
    tookItIn: target.receivedBy === user.id, department: item?.department, departments: user.departments,
  })
  const action = allowed.length && !rng.chance(0.05) ? rng.pick(allowed) : rng.pick(Object.keys(TRANSITIONS) as CaseAction[])
  return { op: 'case.transition', caseId: target.id, action, ...(TRANSITIONS[action].needsNote ? { note: `原因${rng.int(1, 999)}` } : {}) }
}
