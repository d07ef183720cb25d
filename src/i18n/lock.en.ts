/**
 * 锁定 / 换人 (the locked tablet, PIN unlock and PIN setup) words, en: loaded with the lock, PIN
 * setup and sign-in pages, out of the first load (lazy-messages.ts); the header's lock button keeps
 * `lock.lockNow` in en.ts. Same keys as lock.zh-CN.ts (tests/unit/i18n-lazy-messages.test.ts).
 */
const lockEn = {
  lock: {
    title: 'This device is locked',
    intro: 'Choose your account and enter your personal PIN to unlock. Everyone’s sign-in and unsynced changes stay on this device.',
    staff: 'Staff who signed in on this device',
    expired: 'Sign-in expired — can work offline',
    noPin: 'No PIN here — sign in with password',
    lockedOut: 'PIN paused until {time}',
    otherStaff: 'Other staff (sign in with password)',
    passwordSignIn: 'Sign in with password',
    passwordHint: 'Signing in with a password needs the central system.',
    notMe: 'Not {name}? Switch user',
    enterPin: '{name}, enter your PIN',
    unlock: 'Unlock',
    unlocking: 'Checking…',
    expiredNote: '{name}’s sign-in has expired. They can still work offline; their changes sync after they sign in again.',
    wrong: 'Wrong PIN.',
    attemptsLeft: '{n} more try, then PIN unlock pauses for 5 minutes. | {n} more tries, then PIN unlock pauses for 5 minutes.',
    attemptsLeftLast: '{n} more try, then this device deletes your PIN and you must sign in with your password online. | {n} more tries, then this device deletes your PIN and you must sign in with your password online.',
    lockedOutNote: 'Too many wrong PINs: PIN unlock is paused. Try again after {time}, or sign in with your password.',
    noPinNote: 'There is no PIN for {name} on this device (not set yet, or deleted after too many wrong PINs). Connect to the central system and sign in with your password.',
    signedOutNote: '{name} has signed out. Please sign in with your password.',
    backToLock: 'Back to the lock screen to unlock with a PIN',
    pad: {
      label: 'PIN keypad',
      backspace: 'Delete last digit',
      clear: 'Clear',
    },
    setup: {
      title: 'Set your unlock PIN for this device',
      intro: 'When the network is down, this 6-digit PIN unlocks the app on this device so you can keep working. It is kept only on this device, as a salted slow hash; it is never uploaded and does not replace your password.',
      newPin: 'Enter a new 6-digit PIN',
      confirmPin: 'Enter the PIN again to confirm',
      next: 'Next',
      save: 'Set PIN',
      saving: 'Saving…',
      restart: 'Start again',
      problem: {
        format: 'The PIN must be 6 digits.',
        trivial: 'This PIN is too easy to guess (like 000000, 123456 or 121212). Please choose another.',
        mismatch: 'The two PINs do not match. Please set it again.',
        failed: 'The PIN could not be saved. Please try again.',
      },
    },
  },
}

export default lockEn
