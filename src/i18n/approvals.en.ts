/**
 * The approval queue's and returned cases' words (en): the supervisor's queue, arrivals news, and
 * the clerk's returned-case panel. Kept out of en.ts so the first load stays within its budget:
 * lazy-messages.ts merges them when a page that shows them opens. Same keys as approvals.zh-CN.ts
 * (tests/unit/i18n-lazy-messages.test.ts).
 */
const approvalsEn = {
  approvals: {
    title: 'Approval queue',
    count: 'Nothing waiting | 1 case waiting | {n} cases waiting',
    empty: 'No cases are waiting for approval. Newly submitted cases appear here after devices sync.',
    urgent: 'Urgent',
    clockSkew: 'Device clock off by about {n} min',
    cameOffline: 'Taken in offline',
    takenInBy: 'Taken in by {name} at {time}',
    ownCase: 'You took this case in: another supervisor must decide it.',
    otherDepartment: 'This item is not of a department you decide for: another supervisor must decide it.',
    waited: 'Waiting',
    waitedDays: '{d} d {h} h',
    waitedHours: '{h} h {m} min',
    waitedMinutes: '{m} min',
    select: 'Select {caseNo}',
    selectAll: 'Select all you can approve ({n})',
    approveSelected: 'Approve selected ({n})',
    confirmMany: 'Approve 1 case? | Approve 1 case? | Approve {n} cases?',
    confirmYes: 'Yes, approve',
    return: 'Return to clerk',
    done: {
      approve: 'Approved 1 case; it will sync to the centre. | Approved 1 case; it will sync to the centre. | Approved {n} cases; they will sync to the centre.',
      returnForMaterials: 'Returned to the clerk; it will sync to the centre.',
      decline: 'Declined; it will sync to the centre.',
    },
    noteTitle: {
      returnForMaterials: 'Return {caseNo}',
      decline: 'Decline {caseNo}',
    },
    noteLabel: {
      returnForMaterials: 'Comment for the clerk (the applicant will see it too)',
      decline: 'Reason for declining (the applicant will see it)',
    },
    arrivedTitle: 'New cases to approve',
    arrived: 'No new cases | 1 case arrived from {devices} device(s) | {n} cases arrived from {devices} device(s)',
    andMore: 'and {n} more…',
    open: 'Open the approval queue',
    dismiss: 'Got it',
    notifyAsk: 'Notify me of new cases',
    notifyOn: 'Notifications for new cases are on',
    notifyBlocked: 'Notifications are blocked in this browser',
  },
  returned: {
    title: 'Returned for materials',
    by: 'Returned by {name} with this comment:',
    materials: 'When the applicant brings them, tick the materials now received',
    resume: 'Materials complete — resume processing',
  },
}

export default approvalsEn
