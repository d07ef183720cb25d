/**
 * 班前检查 (shift readiness) words, en: loaded with its page, out of the first load
 * (lazy-messages.ts). Same keys as readiness.zh-CN.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const readinessEn = {
  readiness: {
    title: 'Shift readiness',
    intro: 'Before a weekend, holiday or outreach shift, check that this device can work offline for hours.',
    shiftHours: 'Hours left in this shift',
    recheck: 'Check again',
    ready: 'Ready',
    notReady: 'Needs action',
    allReady: 'All ready: the shift can start.',
    someNotReady: '{n} item(s) need action.',
    signInAgain: 'Sign in again',
    storage: {
      title: 'Device storage',
      ok: 'Persistent storage is on and there is plenty of space.',
      notPersistent: 'Persistent storage is off: the browser may clear this device’s data when space runs low. Ask for persistent storage, or install the app to the home screen.',
      lowSpace: 'Less than 200 MB free. Sync first, then free space used by other apps or sites.',
    },
    appVersion: {
      title: 'App version',
      ok: 'This is the latest version.',
      updateWaiting: 'A new version is downloaded. Before the shift, save or clear the form, then press Reload.',
    },
    session: {
      title: 'Sign-in',
      ok: 'Your sign-in lasts the whole shift.',
      none: 'Nobody is signed in.',
      refused: 'The central system no longer accepts your sign-in. Please sign in again.',
      expiresDuringShift: 'Your sign-in runs out before the shift ends. Sign in again now, while online, so changes made offline do not wait for a sign-in.',
    },
    outbox: {
      more: '… and {n} more, waiting in order',
      title: 'Sync queue',
      ok: 'No changes are waiting.',
      pending: 'Some changes have not synced yet. Sync now while online.',
      answered: 'Some changes were not accepted by the central system and need you. Open the sync queue.',
    },
    freshness: {
      title: 'Catalogue and case data',
      ok: 'The catalogue and case data are up to date (synced {time}).',
      noCatalogue: 'This device has no service catalogue yet. Sync once while online.',
      stale: 'Data has not synced for over 30 minutes. Sync now while online.',
    },
  },
}

export default readinessEn
