/**
 * Shared-tablet words: another centre's waiting changes, the revoked-device notice, the sign-in
 * page's words for a revoked device or a disabled account,
 * en: loaded with the pages that show them, out of the first load (lazy-messages.ts). Same keys as the other language's file (tests/unit/i18n-lazy-messages.test.ts).
 */
const sharedTabletEn = {
  sharedTablet: {
    heldElsewhere: '{n} change by {name} waits to sync | {n} changes by {name} wait to sync',
    nameOfCenter: '{name} ({center})',

    signInError: {
      deviceRevoked: 'An administrator revoked this device: nobody can sign in on it. Ask an administrator to reinstate it.',
      accountDisabled: 'An administrator disabled this account. Please contact an administrator.',
    },
    ended: {
      accountDisabled: 'An administrator disabled the account of {name}: they are signed out on this device. Their changes that have not synced are still kept here.',
    },
    title: 'This device was revoked',
    body: 'An administrator revoked this device. Every sign-in, PIN and citizens\' data has been removed from it.',
    waiting: 'These changes have not synced yet and are still kept here; once the device is reinstated, their authors sign in to sync them:',
    nothingWaits: 'No changes are waiting on this device.',
    signIn: 'Device reinstated? Sign in',
  },
}

export default sharedTabletEn
