/** 事项: a kind of service a centre offers, from the provincial catalogue. */
export interface ServiceMaterial {
  name: string
  /** 电子证照: the centre can fetch it as an e-licence, so paper is not needed (免提交). */
  eLicence: boolean
}

export interface ServiceItem {
  id: string
  code: string
  name: string
  nameEn: string
  department: string
  materials: ServiceMaterial[]
  /** 承诺时限 in working days; 0 means done on the spot (即办件). */
  timeLimitDays: number
  needsApproval: boolean
  urgent: boolean
  /** Offered in weekend and holiday sessions (错时服务). */
  weekend: boolean
  /** Who may apply: people, enterprises, or both. */
  applicants: ('person' | 'enterprise')[]
  version: number
}

export interface ServiceCenter {
  id: string
  code: string
  name: string
  nameEn: string
}
