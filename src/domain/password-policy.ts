/**
 * The password policy, the same in the app (the forms say at once what is wrong) and on the server
 * (which decides): at least 10 characters, not the username, and not one of the passwords every
 * guessing list starts with. A short deny-list is enough here: the sign-in limits stop online
 * guessing, and scrypt slows offline guessing; the list catches the passwords people pick first.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

export const PASSWORD_PROBLEMS = ['tooShort', 'tooLong', 'sameAsUsername', 'common'] as const
export type PasswordProblem = `password.${(typeof PASSWORD_PROBLEMS)[number]}`

/** Compared after lower-casing and removing spaces, dashes, dots and underscores. */
const COMMON_WORDS = [
  'shiftdesk-demo', 'shiftdesk', 'password', 'passw0rd', 'p@ssw0rd', 'qwertyuiop', 'qwerty', 'abc123', 'admin', 'administrator',
  'iloveyou', 'welcome', 'letmein', 'woaini', 'changeme', 'zhengwu', 'mima',
]
const SEQUENCES = ['0123456789', '1234567890', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv']

const squash = (text: string) => text.normalize('NFC').toLowerCase().replace(/[\s._-]+/g, '')
const COMMON = COMMON_WORDS.map(squash)

function isCommon(password: string): boolean {
  const p = squash(password)
  if (/^(.)\1*$/.test(p)) return true // 1111111111, aaaaaaaaaa
  // A common word with digits or symbols added (password123, admin2026!), or a run of the keyboard or alphabet.
  const core = p.replace(/[^a-z]+$/, '').replace(/^[^a-z]+/, '')
  if (COMMON.some(word => p === word || core === word || (word.length >= 8 && p.startsWith(word)))) return true
  return SEQUENCES.some(run => run.includes(p) || (p.length >= 8 && run.startsWith(p.slice(0, 8))))
}

/** What is wrong with `password` for the account `username`, as an i18n key, or null. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return 'password.tooShort'
  if (length > PASSWORD_MAX_LENGTH) return 'password.tooLong'
  const name = squash(username)
  if (name && squash(password).includes(name)) return 'password.sameAsUsername'
  if (isCommon(password)) return 'password.common'
  return null
}
