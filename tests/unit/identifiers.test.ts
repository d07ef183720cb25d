import { describe, expect, it } from 'vitest'
import {
  creditCodeCheckChar, creditCodeProblem, isMobile, maskIdNumber, maskPhone, residentIdCheckChar, residentIdProblem,
} from '../../src/domain'

const TODAY = new Date('2026-11-27T00:00:00Z')

describe('resident identity number (GB 11643)', () => {
  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null], // lower-case x is typed on tablets
    [' 11010519491231002X ', null],
    [`11010520001231123${residentIdCheckChar('11010520001231123')}`, null],
    [`15060220260229101${residentIdCheckChar('15060220260229101')}`, 'birthDate'], // 2026 is no leap year
    [`15060220281231101${residentIdCheckChar('15060220281231101')}`, 'birthDate'], // born in the future
    [`44052418800101001${residentIdCheckChar('44052418800101001')}`, 'birthDate'], // before 1900
    ['110105194912310021', 'checksum'],
    ['11010519491231002Y', 'format'],
    ['1101051949123100', 'format'],
    ['', 'format'],
    ['990105194912310020', 'region'],
  ] as const)('%s → %s', (id, problem) => {
    expect(residentIdProblem(id, TODAY)).toBe(problem)
  })
})

describe('unified social credit code (GB 32100)', () => {
  it.each([
    ['91350100M000100Y43', null],
    ['91110108551385082Q', null],
    ['91350100m000100y43', null],
    ['91350100M000100Y44', 'checksum'],
    ['91350100M00010OY43', 'format'], // O is not in the alphabet
    ['91350100M000100Y4', 'format'],
    ['9135010OM000100Y43', 'format'],
  ] as const)('%s → %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem)
  })

  it('maps a remainder of 0 to the check character 0', () => {
    // Search the first 17 for one whose check is 31 → '0', to cover that branch for real.
    let found = ''
    for (let n = 0; n < 1000 && !found; n++) {
      const first17 = `91350100M${String(n).padStart(8, '0')}`
      if (creditCodeCheckChar(first17) === '0') found = first17
    }
    expect(found).not.toBe('')
    expect(creditCodeProblem(`${found}0`)).toBeNull()
  })
})

describe('mobile numbers', () => {
  it.each([
    ['13800138000', true], ['199 0000 1111', true], ['138-0013-8000', true],
    ['12800138000', false], ['1380013800', false], ['23800138000', false], ['1380013800a', false],
  ] as const)('%s → %s', (phone, ok) => {
    expect(isMobile(phone)).toBe(ok)
  })
})

describe('masking personal data', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
  })
  it('keeps the first three and last four digits of a phone', () => {
    expect(maskPhone('13800138000')).toBe('138****8000')
  })
})
