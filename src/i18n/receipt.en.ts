/**
 * 受理回执 (the intake receipt) words, en: loaded with the receipt, out of the first load
 * (lazy-messages.ts). Same keys as receipt.zh-CN.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const receiptEn = {
  receipt: {
    title: 'Receipt',
    caseNo: 'Case number',
    serviceItem: 'Service item',
    applicant: 'Applicant',
    idNumber: 'ID number',
    channel: 'Channel',
    materials: 'Materials received',
    timeLimit: 'Time limit',
    receivedAt: 'Received at',
    receivedBy: 'Received by',
    offlineNote: 'This receipt was made on this device; the case syncs to the central system when online.',
    print: 'Print receipt',
    next: 'Next intake',
    view: 'View case',
  },
}

export default receiptEn
