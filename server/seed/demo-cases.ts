import { uuidv7 } from 'uuidv7'
import type { CaseAction, CaseStatus } from '../../src/domain/case-status'
import { formatCaseNo } from '../../src/domain/case-number'
import { centerDay } from '../../src/domain/center-time'
import { creditCodeCheckChar } from '../../src/domain/credit-code'
import type { Mutation } from '../../src/domain/protocol'
import { residentIdCheckChar } from '../../src/domain/resident-id'
import type { StaffUser } from '../../src/domain/roles'
import type { ServiceItem } from '../../src/domain/service-item'
import { type DemoCenter, GIVEN_NAMES, SURNAMES } from './demo-org'
import type { Random } from './prng'

/**
 * Demo cases as the mutations a desk would have pushed, so they pass the same validation, state
 * machine, versions and change sequence as real ones (and are pulled like real ones).
 */
export const DEMO_DEVICE = 'demo-seed'
export const CASES_PER_CENTER = 40
const NOTE = '演示数据'
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const MOBILE_PREFIXES = ['135', '136', '138', '139', '150', '151', '158', '159', '177', '186', '187', '188', '199']
const TARGETS: CaseStatus[] = ['received', 'in_progress', 'completed', 'returned', 'pending_approval', 'approved', 'completed', 'declined', 'withdrawn', 'in_progress']

export interface DemoStaff { clerks: StaffUser[], outreach: StaffUser, supervisor: StaffUser }
export interface DemoStep { actor: StaffUser, mutation: Mutation }

const residentId = (r: Random, region: string) => {
  const birth = `${r.int(1950, 2005)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`
  const first17 = `${region}${birth}${r.digits(3)}`
  return first17 + residentIdCheckChar(first17)
}

const creditCode = (r: Random, region: string) => {
  const first17 = `91${region.slice(0, 4)}00MA${Array.from({ length: 7 }, () => r.pick([...CREDIT_ALPHABET])).join('')}`
  return first17 + creditCodeCheckChar(first17)
}

const personName = (r: Random) => r.pick(SURNAMES) + r.pick(GIVEN_NAMES)

/** The actions that take a new case to `target`, given whether its item needs approval. */
function pathTo(target: CaseStatus, needsApproval: boolean): CaseAction[] {
  const approval: CaseAction[] = ['start', 'submitForApproval', 'approve']
  switch (target) {
    case 'received': return []
    case 'in_progress': return ['start']
    case 'returned': return ['start', 'returnForMaterials']
    case 'pending_approval': return ['start', 'submitForApproval']
    case 'approved': return approval
    case 'completed': return needsApproval ? [...approval, 'complete'] : ['start', 'complete']
    case 'declined': return ['decline']
    case 'withdrawn': return ['withdraw']
  }
}

const ACTION_NOTES: Partial<Record<CaseAction, string>> = {
  returnForMaterials: '材料不齐，请补正后再来（演示数据）',
  decline: '不符合受理条件（演示数据）',
  withdraw: '申请人主动撤回（演示数据）',
}

export function demoCaseSteps(r: Random, center: DemoCenter & { id: string }, staff: DemoStaff, items: ServiceItem[], now: Date): DemoStep[] {
  const steps: DemoStep[] = []
  for (let n = 1; n <= CASES_PER_CENTER; n++) {
    const target = TARGETS[n % TARGETS.length]!
    const wantsApproval = target === 'pending_approval' || target === 'approved'
    const item = r.pick(items.filter(i => !wantsApproval || i.needsApproval))
    const applicantType = r.pick(item.applicants)
    const channel = r.pick(['window', 'window', 'outreach', 'appointment'] as const)
    const clerk = channel === 'outreach' ? staff.outreach : r.pick(staff.clerks)
    // Received at 9–16 h China time (UTC+8) on one of the last 30 days.
    const received = new Date(now.getTime() - r.int(1, 30) * 86_400_000)
    received.setUTCHours(r.int(1, 8), r.int(0, 59), 0, 0)
    const day = centerDay(received)
    const region = r.pick(center.regions)
    const entityId = uuidv7()
    let at = received.getTime()
    const mutation = (actor: StaffUser, op: Mutation['op'], payload: Record<string, unknown>, baseVersion: number): DemoStep => ({
      actor,
      mutation: {
        id: uuidv7(), deviceId: DEMO_DEVICE, actorId: actor.id, entity: 'case', entityId, op, baseVersion, payload,
        clientTime: new Date(at).toISOString(),
      },
    })
    steps.push(mutation(clerk, 'case.create', {
      caseNo: formatCaseNo(center.code, day, 'DEMO0', n),
      receivedAt: received.toISOString(),
      applicantType,
      applicantName: applicantType === 'person' ? personName(r) : r.pick(center.enterprises),
      idNumber: applicantType === 'person' ? residentId(r, region) : creditCode(r, region),
      contactName: applicantType === 'person' ? '' : personName(r),
      phone: r.pick(MOBILE_PREFIXES) + r.digits(8),
      serviceItemId: item.id,
      materials: item.materials.map(m => m.name).slice(0, target === 'returned' ? -1 : undefined),
      channel,
      windowNo: channel === 'outreach' ? '' : `A${String(r.int(1, 12)).padStart(2, '0')}`,
      notes: NOTE,
    }, 0))
    pathTo(target, item.needsApproval).forEach((action, i) => {
      at = Math.min(at + r.int(10, 240) * 60_000, now.getTime())
      const actor = action === 'approve' ? staff.supervisor : clerk
      steps.push(mutation(actor, 'case.transition', { action, note: ACTION_NOTES[action] ?? '' }, i + 1))
    })
  }
  return steps
}
