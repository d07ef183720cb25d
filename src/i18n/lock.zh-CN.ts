/**
 * 锁定 / 换人 (the locked tablet, PIN unlock and PIN setup) words, zh-CN: loaded with the lock, PIN
 * setup and sign-in pages, out of the first load (lazy-messages.ts); the header's lock button keeps
 * `lock.lockNow` in zh-CN.ts. Same keys as lock.en.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const lockZhCN = {
  lock: {
    title: '本机已锁定',
    intro: '请选择您的账号，输入个人 PIN 解锁。每个人的登录和未同步的变更都保留在本机。',
    staff: '在本机登录过的工作人员',
    expired: '登录已失效，可离线办件',
    noPin: '本机无 PIN，需用密码登录',
    lockedOut: 'PIN 暂停使用至 {time}',
    otherStaff: '其他工作人员（用密码登录）',
    passwordSignIn: '用密码登录',
    passwordHint: '用密码登录需要连接一网通办。',
    notMe: '不是{name}？选择其他人员',
    enterPin: '{name}，请输入 PIN',
    unlock: '解锁',
    unlocking: '正在验证…',
    expiredNote: '{name}的登录已失效：解锁后可以继续离线办件，变更将在其重新登录后同步。',
    wrong: 'PIN 不正确。',
    attemptsLeft: '还可尝试 {n} 次，之后 PIN 解锁将暂停 5 分钟。',
    attemptsLeftLast: '还可尝试 {n} 次，之后本机将清除您的 PIN，需联网用密码登录。',
    lockedOutNote: '错误次数过多，PIN 解锁已暂停，请于 {time} 后再试，或用密码登录。',
    noPinNote: '本机没有{name}的 PIN（尚未设置，或因错误次数过多已清除）。请连接一网通办，用密码登录。',
    signedOutNote: '{name}已退出登录，请用密码登录。',
    backToLock: '返回锁定页面，用 PIN 解锁',
    pad: {
      label: 'PIN 数字键盘',
      backspace: '删除一位',
      clear: '清空',
    },
    setup: {
      title: '设置本机解锁 PIN',
      intro: '网络不通时，您可以用这个 6 位 PIN 在本机解锁并继续办件。PIN 只以加盐慢哈希的形式保存在本机，不会上传，也不能代替密码。',
      newPin: '输入新的 6 位 PIN',
      confirmPin: '再次输入 PIN 以确认',
      next: '下一步',
      save: '设置 PIN',
      saving: '正在保存…',
      restart: '重新输入',
      problem: {
        format: 'PIN 应为 6 位数字。',
        trivial: 'PIN 过于简单（如 000000、123456、121212），请换一个。',
        mismatch: '两次输入的 PIN 不一致，请重新设置。',
        failed: 'PIN 未能保存，请重试。',
      },
    },
  },
}

export default lockZhCN
