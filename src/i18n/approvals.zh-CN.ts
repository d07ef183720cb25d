/**
 * The approval queue's and returned cases' words (zh-CN): the supervisor's queue, arrivals news, and
 * the clerk's returned-case panel. Kept out of zh-CN.ts so the first load stays within its budget:
 * lazy-messages.ts merges them when a page that shows them opens. Same keys as approvals.en.ts
 * (tests/unit/i18n-lazy-messages.test.ts).
 */
const approvalsZhCN = {
  approvals: {
    title: '审批队列',
    count: '暂无待审批办件 | 1 件待审批 | {n} 件待审批',
    empty: '没有等待审批的办件。设备同步后，新提交的办件会出现在这里。',
    urgent: '加急',
    clockSkew: '设备时钟偏差 约 {n} 分钟',
    cameOffline: '离线受理',
    takenInBy: '{name} 受理于 {time}',
    ownCase: '本人受理的办件，须由其他审批人决定。',
    otherDepartment: '该事项不属于您负责审批的部门，须由其他审批人决定。',
    waited: '已等待',
    waitedDays: '{d} 天 {h} 小时',
    waitedHours: '{h} 小时 {m} 分',
    waitedMinutes: '{m} 分钟',
    select: '选择 {caseNo}',
    selectAll: '全选可审批的办件（{n} 件）',
    approveSelected: '批准所选（{n} 件）',
    confirmMany: '确认批准 1 件？ | 确认批准 1 件？ | 确认批准 {n} 件？',
    confirmYes: '确认批准',
    return: '退回经办人',
    done: {
      approve: '已批准 1 件，将同步到中心。 | 已批准 1 件，将同步到中心。 | 已批准 {n} 件，将同步到中心。',
      returnForMaterials: '已退回经办人，将同步到中心。',
      decline: '已作不予受理决定，将同步到中心。',
    },
    noteTitle: {
      returnForMaterials: '退回 {caseNo}',
      decline: '不予受理 {caseNo}',
    },
    noteLabel: {
      returnForMaterials: '退回意见（经办人和申请人会看到）',
      decline: '不予受理的理由（申请人会看到）',
    },
    arrivedTitle: '新的待审批办件',
    arrived: '无新办件 | 1 件待审批办件已到达（来自 {devices} 台设备） | {n} 件待审批办件已到达（来自 {devices} 台设备）',
    andMore: '还有 {n} 件……',
    open: '打开审批队列',
    dismiss: '知道了',
    notifyAsk: '有新办件时通知我',
    notifyOn: '已开启新办件通知',
    notifyBlocked: '浏览器已禁止通知',
  },
  returned: {
    title: '退回补正',
    by: '{name} 退回，意见如下：',
    materials: '申请人补交后，勾选现已收到的材料',
    resume: '材料已补齐，继续办理',
  },
}

export default approvalsZhCN
