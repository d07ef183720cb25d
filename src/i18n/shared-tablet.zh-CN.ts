/**
 * Shared-tablet words: another centre's waiting changes, the revoked-device notice, the sign-in
 * page's words for a revoked device or a disabled account,
 * zh-CN: loaded with the pages that show them, out of the first load (lazy-messages.ts). Same keys as the other language's file (tests/unit/i18n-lazy-messages.test.ts).
 */
const sharedTabletZhCN = {
  sharedTablet: {
    heldElsewhere: '{n} 项变更由 {name} 待同步',
    nameOfCenter: '{name}（{center}）',

    signInError: {
      deviceRevoked: '此设备已被管理员停用，不能在此登录。请联系管理员恢复此设备。',
      accountDisabled: '此账号已被管理员停用。请联系管理员。',
    },
    ended: {
      accountDisabled: '{name} 的账号已被管理员停用，已在本机退出登录。其尚未同步的变更仍保存在本机。',
    },
    title: '此设备已被停用',
    body: '管理员已停用此设备。本机已清除所有登录、PIN 和群众数据。',
    waiting: '以下变更尚未同步，仍保存在本机，设备恢复后由其本人登录即可同步：',
    nothingWaits: '本机没有待同步的变更。',
    signIn: '设备已恢复？登录',
  },
}

export default sharedTabletZhCN
