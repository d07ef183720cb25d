import type { ServiceItem } from '../../src/domain/service-item'

/**
 * The demo service catalogue (事项), the same for every centre. Items the source article names come
 * first; the rest are common services so the catalogue looks like a real one. Materials marked
 * eLicence can be fetched as 电子证照, so the applicant need not bring paper.
 */
type DemoItem = Omit<ServiceItem, 'id' | 'code' | 'version' | 'materials'> & { materials: [string, boolean][] }

const PERSON = ['person'] as ServiceItem['applicants']
const ENTERPRISE = ['enterprise'] as ServiceItem['applicants']
const BOTH = ['person', 'enterprise'] as ServiceItem['applicants']
const ID_CARD: [string, boolean] = ['居民身份证', true]

const ITEMS: DemoItem[] = [
  { name: '个人征信报告打印', nameEn: 'Personal credit report printing', department: '中国人民银行分支机构', materials: [ID_CARD], timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
  { name: '身份证补办', nameEn: 'Resident ID card replacement', department: '公安局户政管理', materials: [['户口簿', true], ['近期免冠照片', false]], timeLimitDays: 20, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
  { name: '营业执照打印', nameEn: 'Business licence printing', department: '市场监督管理局', materials: [['经办人身份证', true], ['授权委托书', false]], timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true, applicants: ENTERPRISE },
  { name: '不动产登记', nameEn: 'Real estate registration', department: '不动产登记中心', materials: [ID_CARD, ['不动产权证书', true], ['购房合同', false], ['完税证明', true]], timeLimitDays: 5, needsApproval: false, urgent: false, weekend: true, applicants: BOTH },
  { name: '房产过户', nameEn: 'Property ownership transfer', department: '不动产登记中心', materials: [['买卖双方身份证', true], ['不动产权证书', true], ['房屋买卖合同', false], ['婚姻状况证明', true], ['完税凭证', true]], timeLimitDays: 5, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
  { name: '爆破作业审批', nameEn: 'Blasting operation approval', department: '公安局治安管理支队', materials: [['营业执照', true], ['爆破作业单位许可证', true], ['爆破作业设计方案', false], ['安全评估报告', false]], timeLimitDays: 3, needsApproval: true, urgent: true, weekend: true, applicants: ENTERPRISE },
  { name: '社保卡补办', nameEn: 'Social security card replacement', department: '人力资源和社会保障局', materials: [ID_CARD], timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
  { name: '医保参保登记', nameEn: 'Medical insurance enrolment', department: '医疗保障局', materials: [ID_CARD, ['户口簿', true]], timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true, applicants: BOTH },
  { name: '公积金提取', nameEn: 'Housing provident fund withdrawal', department: '住房公积金管理中心', materials: [ID_CARD, ['本人银行卡', false], ['购房合同或租房证明', false]], timeLimitDays: 3, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
  { name: '户口迁移', nameEn: 'Household registration transfer', department: '公安局户政管理', materials: [ID_CARD, ['户口簿', true], ['准予迁入证明', false]], timeLimitDays: 10, needsApproval: false, urgent: false, weekend: false, applicants: PERSON },
  { name: '个体工商户登记', nameEn: 'Individual business registration', department: '市场监督管理局', materials: [['经营者身份证', true], ['经营场所使用证明', false], ['个体工商户登记申请书', false]], timeLimitDays: 1, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
  { name: '食品经营许可', nameEn: 'Food business licence', department: '市场监督管理局', materials: [['营业执照', true], ['法定代表人身份证', true], ['食品安全管理制度', false], ['经营场所平面图', false]], timeLimitDays: 10, needsApproval: true, urgent: false, weekend: false, applicants: ENTERPRISE },
  { name: '居住证办理', nameEn: 'Residence permit application', department: '公安局户政管理', materials: [ID_CARD, ['居住证明', false], ['近期免冠照片', false]], timeLimitDays: 15, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
  { name: '出生医学证明补发', nameEn: 'Birth medical certificate reissue', department: '卫生健康委员会', materials: [['父母身份证', true], ['遗失声明', false], ['医院分娩记录', false]], timeLimitDays: 20, needsApproval: false, urgent: false, weekend: false, applicants: PERSON },
  { name: '残疾人证办理', nameEn: 'Disability certificate application', department: '残疾人联合会', materials: [ID_CARD, ['户口簿', true], ['残疾评定表', false], ['近期免冠照片', false]], timeLimitDays: 20, needsApproval: true, urgent: false, weekend: false, applicants: PERSON },
  { name: '机动车驾驶证换证', nameEn: 'Driving licence renewal', department: '公安局交通警察支队', materials: [['机动车驾驶证', true], ID_CARD, ['驾驶人体检证明', false]], timeLimitDays: 0, needsApproval: false, urgent: false, weekend: true, applicants: PERSON },
]

/** Catalogue entries with stable codes (SI-001 …); ids are made by the caller at seed time. */
export function demoCatalogue(newId: () => string): ServiceItem[] {
  return ITEMS.map((item, index) => ({
    ...item,
    id: newId(),
    code: `SI-${String(index + 1).padStart(3, '0')}`,
    materials: item.materials.map(([name, eLicence]) => ({ name, eLicence })),
    version: 1,
  }))
}
