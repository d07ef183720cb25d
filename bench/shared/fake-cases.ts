import type { CaseAction, CaseHistoryEntry, CaseIntake, Channel, CaseRecord, CaseStatus, ServiceCenter, ServiceItem, StaffUser } from '../../src/domain'
import { centerDay, formatCaseNo, newId } from '../../src/domain'
import { creditCode, mobile, personName, pick, REGIONS, residentId } from './fake-people'

/**
 * Benchmark cases that look like a year at a real centre: what a clerk fills in at intake, and
 * stored case records with their status and history, spread over the past year.
 */
const NOTES = ['', '', '', '申请人电话预约', '材料已核验', '需补充授权委托书']
const ENTERPRISES = ['瑞丰矿业有限公司', '草原味餐饮有限公司', '金鼎建筑工程有限公司', '华通物流有限公司', '恒远化工有限公司']

export function fakeIntake(random: () => number, center: ServiceCenter, items: readonly ServiceItem[]): CaseIntake {
  const item = pick(random, items)
  const regions = REGIONS[center.code] ?? REGIONS.ORD!
  const channel: Channel = random() < 0.8 ? 'window' : pick(random, ['outreach', 'appointment'] as const)
  const common = {
    phone: mobile(random), serviceItemId: item.id,
    materials: item.materials.filter(() => random() < 0.8).map(m => m.name),
    channel, windowNo: channel === 'window' ? String(1 + Math.floor(random() * 12)) : '', notes: pick(random, NOTES),
  }
  if (item.applicants.includes('person') && (!item.applicants.includes('enterprise') || random() < 0.7)) {
    return { applicantType: 'person', applicantName: personName(random), idNumber: residentId(random, regions), contactName: '', ...common }
  }
  return {
    applicantType: 'enterprise', applicantName: `${center.name.slice(0, 3)}${pick(random, ENTERPRISES)}`,
    idNumber: creditCode(random, regions), contactName: personName(random), ...common,
  }
}

// Where cases of the past year stand today: most are long finished.
const FATES: [CaseStatus, CaseAction[], number][] = [
  ['completed', ['start', 'complete'], 68], ['declined', ['decline'], 3], ['withdrawn', ['withdraw'], 2],
  ['received', [], 6], ['in_progress', ['start'], 10], ['returned', ['start', 'returnForMaterials'], 4],
  ['pending_approval', ['start', 'submitForApproval'], 4], ['approved', ['start', 'submitForApproval', 'approve'], 3],
]
const FATE_TOTAL = FATES.reduce((n, [, , w]) => n + w, 0)
const YEAR_MS = 365 * 86_400_000

export interface FakeCaseContext {
  center: ServiceCenter
  items: readonly ServiceItem[]
  staff: readonly StaffUser[]
  now?: number
  /** Case-number counters per day and device tag; pass the same map to calls that fill one database. */
  seqs?: Map<string, number>
}

/**
 * `count` stored cases received over the year before `now`, oldest first. Case numbers follow the
 * app's format, unique per day and device tag, as six tablets of the centre would have made them.
 */
export function fakeCaseRecords(random: () => number, count: number, ctx: FakeCaseContext): CaseRecord[] {
  const now = ctx.now ?? Date.now()
  const times = Array.from({ length: count }, () => now - Math.floor(random() * YEAR_MS)).sort((a, b) => a - b)
  const tags = ['B3N7Q', 'C8K2M', 'D4P9R', 'E5T1W', 'F6X3Y', 'G7Z4H']
  const seqs = ctx.seqs ?? new Map<string, number>()
  return times.map((at) => {
    const intake = fakeIntake(random, ctx.center, ctx.items)
    const item = ctx.items.find(i => i.id === intake.serviceItemId)!
    const staff = pick(random, ctx.staff)
    const day = centerDay(new Date(at))
    const tag = pick(random, tags)
    const seq = (seqs.get(day + tag) ?? 0) + 1
    seqs.set(day + tag, seq)
    let roll = random() * FATE_TOTAL
    const [status, actions] = FATES.find(([, , w]) => (roll -= w) < 0) ?? FATES[0]!
    const receivedAt = new Date(at).toISOString()
    const entry = (kind: CaseHistoryEntry['kind'], minutes: number, to: CaseStatus): CaseHistoryEntry => ({
      mutationId: newId(), at: new Date(at + minutes * 60_000).toISOString(), actorId: staff.id, actorName: staff.name, kind, to,
    })
    const history = [entry('create', 0, 'received'), ...actions.map((a, i) => entry(a, 20 * (i + 1), i === actions.length - 1 ? status : 'in_progress'))]
    const note = status === 'returned' || status === 'declined' ? '材料不全，请补充后再来' : ''
    return {
      ...intake, id: newId(), caseNo: formatCaseNo(ctx.center.code, day, tag, seq), centerId: ctx.center.id,
      serviceItemName: item.name, status, statusNote: note, receivedAt, receivedBy: staff.id, receivedByName: staff.name,
      updatedAt: history.at(-1)!.at, version: 1 + actions.length, history,
    }
  })
}
