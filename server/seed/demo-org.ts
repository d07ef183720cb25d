import type { Role } from '../../src/domain/roles'

/** Demo centres (from the source article) and their staff. Every demo account is flagged demo. */
export const DEMO_PASSWORD = 'shiftdesk-demo'

export interface DemoCenter {
  code: string
  name: string
  nameEn: string
  /** Region codes for applicants' ID numbers (GB/T 2260) and for enterprises' credit codes. */
  regions: string[]
  /** clerk1, clerk2, outreach, supervisor. */
  staff: [string, string, string, string]
  enterprises: string[]
}

export const DEMO_CENTERS: DemoCenter[] = [
  {
    code: 'ORD', name: '鄂尔多斯市政务服务中心', nameEn: 'Ordos Government Service Center',
    regions: ['150602', '150621', '150627'], staff: ['张敏', '李华', '王芳', '赵强'],
    enterprises: ['鄂尔多斯市瑞丰矿业有限公司（演示）', '鄂尔多斯市草原味餐饮有限公司（演示）', '鄂尔多斯市金鼎建筑工程有限公司（演示）'],
  },
  {
    code: 'LZX', name: '兰州新区政务服务中心', nameEn: 'Lanzhou New Area Government Service Center',
    regions: ['620121', '620102', '620105'], staff: ['陈静', '刘洋', '杨丽', '黄磊'],
    enterprises: ['兰州新区恒远化工有限公司（演示）', '兰州新区丝路餐饮管理有限公司（演示）', '兰州新区华通物流有限公司（演示）'],
  },
  {
    code: 'HNS', name: '淮南市政务服务中心', nameEn: 'Huainan Government Service Center',
    regions: ['340403', '340402', '340421'], staff: ['周婷', '吴刚', '徐娜', '孙伟'],
    enterprises: ['淮南市安泰爆破工程有限公司（演示）', '淮南市八公山豆制品有限公司（演示）', '淮南市淮河建材有限公司（演示）'],
  },
  {
    code: 'JCS', name: '金昌市政务服务中心', nameEn: 'Jinchang Government Service Center',
    regions: ['620302', '620321'], staff: ['马丽', '朱军', '胡晓燕', '郭涛'],
    enterprises: ['金昌市永盛爆破工程有限公司（演示）', '金昌市紫金花餐饮有限公司（演示）', '金昌市镍都新材料有限公司（演示）'],
  },
]

export interface DemoAccount { username: string, name: string, role: Role, centerCode: string }

export function demoAccounts(): DemoAccount[] {
  const roles: [string, Role][] = [['clerk1', 'clerk'], ['clerk2', 'clerk'], ['outreach', 'outreach'], ['super', 'supervisor']]
  const staff = DEMO_CENTERS.flatMap(center => roles.map(([suffix, role], i) => ({
    username: `${center.code.toLowerCase()}-${suffix}`, name: center.staff[i]!, role, centerCode: center.code,
  })))
  return [...staff, { username: 'admin', name: '高建国', role: 'admin', centerCode: 'ORD' }]
}

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗']
export const GIVEN_NAMES = ['秀英', '桂兰', '建华', '志强', '海燕', '丽娟', '永刚', '晓东', '玉梅', '文博', '子涵', '浩然', '雨欣', '国庆', '春梅', '宏伟', '佳怡', '俊杰']
