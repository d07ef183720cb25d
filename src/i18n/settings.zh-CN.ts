/**
 * 设置 (settings) page words, zh-CN: loaded with the page, out of the first load
 * (lazy-messages.ts). Same keys as settings.en.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const settingsZhCN = {
  settings: {
    title: '设置',
    intro: '本页的设置只对这台设备有效。',
    idleLock: {
      title: '自动锁定',
      legend: '无操作多久后锁定本机',
      minutes: '{n} 分钟',
      never: '从不',
      hint: '锁定后，每个人的登录和未同步的变更都保留在本机，用 PIN 即可解锁；填写中的受理表单保存为草稿。',
      neverNote: '多人共用的设备应开启自动锁定，以免他人以您的身份办件。',
      saved: '已保存。',
    },
  },
}

export default settingsZhCN
