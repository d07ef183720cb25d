import { type CaseIntake, type Mutation, type MutationOp, type ServiceCenter, type ServiceItem, type StaffUser, newId } from '../../src/domain'

/** Plain test data shared by the unit and component tests. */
export const CENTER: ServiceCenter = { id: 'center-ord', code: 'ORD', name: '鄂尔多斯市政务服务中心', nameEn: 'Ordos Government Service Center' }

export const CLERK: StaffUser = { id: 'user-clerk', username: 'ord-clerk1', name: '张敏', role: 'clerk', centerId: CENTER.id }
export const SUPERVISOR: StaffUser = { id: 'user-super', username: 'ord-super', name: '赵强', role: 'supervisor', centerId: CENTER.id }

export const ITEM: ServiceItem = {
  id: 'item-credit', code: 'SI-001', name: '个人征信报告打印', nameEn: 'Personal credit report printing', department: '人民银行',
  materials: [{ name: '居民身份证', eLicence: true }], timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true,
  applicants: ['person'], version: 1,
}
export const APPROVAL_ITEM: ServiceItem = {
  ...ITEM, id: 'item-blast', code: 'SI-006', name: '爆破作业审批', nameEn: 'Blasting operation approval',
  needsApproval: true, urgent: true, applicants: ['enterprise'],
}

export const PERSON_INTAKE: CaseIntake = {
  applicantType: 'person', applicantName: '王芳', idNumber: '11010519491231002X', contactName: '', phone: '13800138000',
  serviceItemId: ITEM.id, materials: ['居民身份证'], channel: 'window', windowNo: '3', notes: '',
}

export function mutation(op: MutationOp, entityId: string, payload: Record<string, unknown>, over: Partial<Mutation> = {}): Mutation {
  return {
    id: newId(), deviceId: 'device-a', actorId: CLERK.id, entity: 'case', entityId, op, baseVersion: 0, payload,
    clientTime: '2026-11-28T01:00:00.000Z', ...over,
  }
}

export const createPayload = (intake: CaseIntake = PERSON_INTAKE) =>
  ({ ...intake, caseNo: 'ORD-20261128-K7Q2X-0001', receivedAt: '2026-11-28T01:00:00.000Z' })
