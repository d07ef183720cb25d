import { creditCodeCheckChar } from '../../src/domain/credit-code'
import { residentIdCheckChar } from '../../src/domain/resident-id'

/**
 * Realistic applicants for benchmark data. Surnames follow their real frequency (王, 李, 张 … are
 * each about 7 % of people), so a name-prefix search hits as many rows as it would at a real
 * centre; given names come from a pool wide enough that full names rarely repeat.
 */
const SURNAMES: [string, number][] = [
  ['王', 72], ['李', 72], ['张', 69], ['刘', 54], ['陈', 45], ['杨', 32], ['黄', 24], ['赵', 22], ['吴', 20], ['周', 19],
  ['徐', 17], ['孙', 15], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 12], ['何', 12], ['高', 11], ['林', 11], ['罗', 10],
  ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 8], ['唐', 7], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6],
]
const GIVEN = '秀英桂兰建华志强海燕丽娟永刚晓东玉梅文博子涵浩然雨欣国庆春梅宏伟佳怡俊杰淑珍明亮红霞伟军桂芳德胜欣悦宇轩思远婉婷晨曦'
const SURNAME_TOTAL = SURNAMES.reduce((n, [, w]) => n + w, 0)

/** A small seeded PRNG (mulberry32), so every run stores the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!

export function personName(random: () => number): string {
  let roll = random() * SURNAME_TOTAL
  const surname = SURNAMES.find(([, w]) => (roll -= w) < 0)?.[0] ?? '王'
  const length = random() < 0.7 ? 2 : 1
  let given = ''
  for (let i = 0; i < length; i++) given += GIVEN[Math.floor(random() * GIVEN.length)]
  return surname + given
}

/** A valid 居民身份证号 (GB 11643) of a person born 1945–2005 in one of the regions. */
export function residentId(random: () => number, regions: readonly string[]): string {
  const birth = new Date(Date.UTC(1945, 0, 1) + Math.floor(random() * 60 * 365.25) * 86_400_000)
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '')
  const first17 = pick(random, regions) + ymd + String(Math.floor(random() * 1000)).padStart(3, '0')
  return first17 + residentIdCheckChar(first17)
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** A valid 统一社会信用代码 (GB 32100) of an enterprise registered in one of the regions. */
export function creditCode(random: () => number, regions: readonly string[]): string {
  let body = ''
  for (let i = 0; i < 9; i++) body += CODE_CHARS[Math.floor(random() * CODE_CHARS.length)]
  const first17 = `91${pick(random, regions)}${body}`
  return first17 + creditCodeCheckChar(first17)
}

export const mobile = (random: () => number) => `1${pick(random, ['3', '5', '7', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`

/** Region codes (GB/T 2260) of the demo centres' applicants, by centre code. */
export const REGIONS: Record<string, string[]> = {
  ORD: ['150602', '150621', '150627'], LZX: ['620121', '620102', '620105'], HNS: ['340403', '340402', '340421'], JCS: ['620302', '620321'],
}
