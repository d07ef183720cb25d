/**
 * 受理回执 (the intake receipt) words, zh-CN: loaded with the receipt, out of the first load
 * (lazy-messages.ts). Same keys as receipt.en.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const receiptZhCN = {
  receipt: {
    title: '受理回执',
    caseNo: '办件编号',
    serviceItem: '办理事项',
    applicant: '申请人',
    idNumber: '证件号码',
    channel: '受理渠道',
    materials: '已收材料',
    timeLimit: '承诺时限',
    receivedAt: '受理时间',
    receivedBy: '受理人',
    offlineNote: '回执已在本机生成，联网后自动同步至一网通办。',
    print: '打印回执',
    next: '继续受理',
    view: '查看办件',
  },
}

export default receiptZhCN
