/**
 * 班前检查 (shift readiness) words, zh-CN: loaded with its page, out of the first load
 * (lazy-messages.ts). Same keys as readiness.en.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const readinessZhCN = {
  readiness: {
    title: '班前检查',
    intro: '周末、节假日或流动服务开班前，确认本设备可以长时间离线工作。',
    shiftHours: '本班次还有几小时',
    recheck: '重新检查',
    ready: '就绪',
    notReady: '需处理',
    allReady: '全部就绪，可以开班。',
    someNotReady: '有 {n} 项需要处理。',
    signInAgain: '重新登录',
    storage: {
      title: '本机存储',
      ok: '已开启持久存储，剩余空间充足。',
      notPersistent: '未开启持久存储，存储紧张时浏览器可能清除本机数据。请申请持久存储，或将应用安装到主屏幕。',
      lowSpace: '剩余空间不足 200 MB。请先同步，再清理本机其他应用或网站的数据。',
    },
    appVersion: {
      title: '应用版本',
      ok: '已是最新版本。',
      updateWaiting: '新版本已下载。请在开班前保存或清空表单，然后点击“重新加载”。',
    },
    session: {
      title: '登录状态',
      ok: '登录有效期覆盖整个班次。',
      none: '尚未登录。',
      refused: '一网通办已不接受您的登录，请重新登录。',
      expiresDuringShift: '登录将在班次结束前失效。请趁现在联网重新登录，以免离线期间的变更等待登录。',
    },
    outbox: {
      more: '……以及另外 {n} 项，按顺序等待同步',
      title: '同步队列',
      ok: '没有待同步的变更。',
      pending: '还有变更未同步。请联网后立即同步。',
      answered: '有未被一网通办接受的变更需要处理，请打开同步队列。',
    },
    freshness: {
      title: '事项目录与办件数据',
      ok: '事项目录和办件数据是最新的（{time} 同步）。',
      noCatalogue: '本机还没有事项目录。请联网同步一次。',
      stale: '数据已超过 30 分钟未同步。请联网后立即同步。',
    },
  },
}

export default readinessZhCN
