import { describe, expect, it } from 'vitest'
import { hasControlChars, normaliseIdNumber, normaliseText, validateIntake } from '../../src/domain'

describe('text rules', () => {
  it('refuses C0, C1 and bidi controls; a line break only where multi-line', () => {
    for (const c of ['\u0000', '\u0007', '\t', '\u001B', '\u007F', '\u0085', '\u009F', '\u202A', '\u202E', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(hasControlChars(`王${c}明`), JSON.stringify(c)).toBe(true)
      expect(hasControlChars(`王${c}明`, { multiline: true }), JSON.stringify(c)).toBe(true)
    }
    expect(hasControlChars('第一行\n第二行')).toBe(true)
    expect(hasControlChars('第一行\n第二行', { multiline: true })).toBe(false)
    for (const fine of ['王小明', 'Zoë O’Neil', '阿卜杜勒·热合曼', 'مرحبا', '\u200D', '（演示）']) expect(hasControlChars(fine), fine).toBe(false)
  })

  it('normalises to NFC and CR LF to LF', () => {
    expect(normaliseText('Zoe\u0308')).toBe('Zoë')
    expect(normaliseText('a\r\nb\rc')).toBe('a\nb\nc')
  })

  it('makes full-width and spaced ID numbers ASCII, upper-case, without spaces', () => {
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
    expect(normaliseIdNumber('110105 19491231　002x')).toBe('11010519491231002X')
    expect(normaliseIdNumber('９１１１０１０５ＭＡ０１ＡＢＣＤＥ')).toBe('91110105MA01ABCDE')
  })

  it('are the intake schema\'s: names refuse controls, notes keep line breaks, all NFC', () => {
    const base = {
      applicantType: 'person', applicantName: '王小明', idNumber: '11010519491231002X', contactName: '', phone: '13800138000',
      serviceItemId: 'i', materials: [], channel: 'window', windowNo: '3', notes: '',
    }
    expect(validateIntake({ ...base, applicantName: '王\u202E明' })).toEqual({ ok: false, errors: { applicantName: 'controlChars' } })
    expect(validateIntake({ ...base, contactName: '李\u0000' })).toEqual({ ok: false, errors: { contactName: 'controlChars' } })
    expect(validateIntake({ ...base, materials: ['户口簿\u200F'] })).toEqual({ ok: false, errors: { 'materials.0': 'controlChars' } })
    const ok = validateIntake({ ...base, applicantName: 'Zoe\u0308', notes: '第一行\r\n第二行', idNumber: '１１０１０５ １９４９１２３１ ００２ｘ' })
    expect(ok).toMatchObject({ ok: true, value: { applicantName: 'Zoë', notes: '第一行\n第二行', idNumber: '11010519491231002X' } })
  })
})
