/**
 * Resident identity number 公民身份号码, GB 11643-1999: 6-digit region, 8-digit birth date,
 * 3-digit sequence, 1 check character (ISO 7064 MOD 11-2).
 */
export const RESIDENT_ID_PROBLEMS = ['format', 'region', 'birthDate', 'checksum'] as const
export type ResidentIdProblem = (typeof RESIDENT_ID_PROBLEMS)[number]

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'
// First two digits: provinces, HK/Macao/Taiwan residence permits (81–83) and foreigners' permanent residence (91).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
])

export function residentIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/** `today` is injectable so tests and the server agree on what "in the future" means. */
export function residentIdProblem(value: string, today = new Date()): ResidentIdProblem | null {
  const id = value.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return 'format'
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return 'region'
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const realDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day
  if (!realDate || year < 1900 || birth.getTime() > today.getTime()) return 'birthDate'
  if (residentIdCheckChar(id) !== id[17]) return 'checksum'
  return null
}

export const isResidentId = (value: string) => residentIdProblem(value) === null
