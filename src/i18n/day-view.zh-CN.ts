/**
 * The day view's words (今日 · 预约与延时, check-in at intake, the case's appointment), zh-CN. Kept
 * out of zh-CN.ts so the first load stays within its budget: lazy-messages.ts merges them
 * into the messages when a page that shows them opens. Same keys as day-view.en.ts
 * (tests/unit/i18n-lazy-messages.test.ts).
 */
const dayViewZhCN = {
  today: {
    title: '今日 · 预约与延时',
    closesAt: '今日营业至 {time}',
    noService: '今日不对外服务',
    noCalendar: '本机还没有服务日历，联网同步后显示。',
    sameDay: '当日事当日毕',
    received: '今日受理',
    completedSameDay: '当日办结',
    rate: '当日办结率',
    rateNone: '—',
    extended: '延时服务',
    noExtended: '今日暂无延时办件。',
    reason: {
      afterClosing: '闭厅后受理（{time}）',
      openAtClosing: '闭厅时仍在办理（{time} 受理）',
    },
    minutes: '延时 {n} 分钟',
    ongoing: '，办理中',
  },
  appointments: {
    title: '预约',
    none: '当日无预约。',
    code: '预约码 {code}',
    count: '{n} 人',
    kind: {
      weekday: '工作日',
      lunchtime: '午间不间断',
      weekend: '周末场',
      holiday: '节假日场',
    },
    status: {
      booked: '已预约',
      checked_in: '已到号',
      no_show: '爽约',
      cancelled: '已取消',
    },
    checkIn: '到号受理',
    noShow: '标记爽约',
    noShowConfirm: '确认 {name}（{time}）未到，标记为爽约吗？',
    viewCase: '查看办件',
    checkingIn: '到号受理：预约码 {code}，时段 {time}。申请人信息已按预约填写，请核对证件。',
    caseLink: '预约到号：预约码 {code}，{time}',
    openDay: '查看今日预约',
    caseLinkUnknown: '此办件由预约到号受理（本机没有该预约的信息）。',
  },
}

export type DayViewMessages = typeof dayViewZhCN
export default dayViewZhCN
