import booking from '../booking/i18n/zh-CN'

/**
 * The administrators' calendar editor (服务日历), zh-CN; loaded with its page (lazy-messages.ts).
 * `problem.*` words the field errors the central system answers with (service-calendar-schema.ts).
 * The festivals' names are the public booking page's.
 */
const calendarAdminZhCN = {
  calendarAdmin: {
    title: '服务日历',
    intro: '设置各政务服务中心的工作日时间、午间服务、周末和节假日场次，以及国家法定节假日安排。保存后，工作人员的设备在下次同步时取得新日历。编辑需要连接一网通办。',
    center: '政务服务中心',
    calendar: '中心服务日历',
    version: '版本 {n}',
    offline: '无法连接一网通办。编辑服务日历需要联网，请检查网络后重试。',
    failed: '读取或保存失败，请稍后再试。',
    saved: '已保存（版本 {n}）。',
    invalid: '有需要修改的地方，请查看标红的项目。',
    stale: '此日历已被他人修改并保存。请重新读取后再修改。',
    reload: '重新读取',
    save: '保存服务日历',
    saving: '正在保存…',
    slotMinutes: '预约时段长度',
    minutes: '{n} 分钟',
    capacity: '每时段可预约人数',
    datesHint: '格式 YYYY-MM-DD，多个日期用逗号分隔。',
    closedDates: '闭厅日期',
    weekday: {
      title: '工作日（含调休上班日）',
      open: '开始办公',
      close: '结束办公',
      lunchStart: '午间开始',
      lunchEnd: '午间结束',
      continuous: '午间不间断服务',
    },
    weekend: {
      title: '周末场次',
      add: '添加周末场次',
      days: '适用日期',
      sat: '周六',
      sun: '周日',
    },
    holiday: {
      title: '节假日场次',
      add: '添加节假日场次',
      dates: '仅限这些日期（不填则每个法定节假日都开放）',
    },
    session: {
      label: '第 {n} 场',
      start: '开始',
      end: '结束',
      items: '本场次可办事项',
      remove: '删除此场次',
    },
    holidays: {
      title: '法定节假日与调休上班日',
      year: '年份',
      date: '日期',
      kind: '类型',
      name: '节日',
      holiday: '放假',
      workday: '调休上班',
      add: '添加一天',
      remove: '删除',
      save: '保存 {year} 年安排',
      saved: '已保存。',
    },
    festival: booking.holiday,
    problem: {
      required: '此项为必填项。',
      invalid: '格式不正确。',
      tooLong: '内容过长。',
      calendar: {
        time: '时间格式应为 HH:MM。',
        date: '日期格式应为 YYYY-MM-DD，且须为真实日期。',
        capacity: '人数应为 0 到 500 之间的整数。',
        duplicate: '有重复的项目。',
        order: '结束时间须晚于开始时间。',
        lunchOutside: '午间时段须在办公时间之内。',
        days: '请至少选择一天，且不要重复。',
        tooShort: '场次短于一个预约时段。',
        overlap: '与同一天的另一场次时间重叠。',
        slotMinutes: '请选择一个时段长度。',
        unknownItem: '事项目录中没有所选的某个事项。',
        stale: '此日历已被他人修改。',
      },
      holiday: {
        otherYear: '日期不在所编辑的年份内。',
        duplicate: '同一日期只能有一条。',
        workdayNotWeekend: '调休上班日只能是周六或周日。',
      },
    },
  },
}

export type CalendarAdminMessages = typeof calendarAdminZhCN
export default calendarAdminZhCN
