/**
 * Unified social credit code 统一社会信用代码, GB 32100-2015: 18 characters from a 31-symbol
 * alphabet without I, O, S, V, Z; the last one is a MOD 31 check over the first 17.
 */
export const CREDIT_CODE_PROBLEMS = ['format', 'checksum'] as const
export type CreditCodeProblem = (typeof CREDIT_CODE_PROBLEMS)[number]

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const SHAPE = new RegExp(`^[${ALPHABET}]{18}$`)

export function creditCodeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!
  const check = 31 - (sum % 31)
  return ALPHABET[check === 31 ? 0 : check]!
}

export function creditCodeProblem(value: string): CreditCodeProblem | null {
  const code = value.trim().toUpperCase()
  if (!SHAPE.test(code)) return 'format'
  if (creditCodeCheckChar(code) !== code[17]) return 'checksum'
  return null
}

export const isCreditCode = (value: string) => creditCodeProblem(value) === null
