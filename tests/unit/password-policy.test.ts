import { describe, expect, it } from 'vitest'
import { passwordProblem } from '../../src/domain/password-policy'

describe('password policy (the same in the app and on the server)', () => {
  it.each([
    ['short-9', 'ord-clerk1', 'password.tooShort'],
    ['翡翠绿洲九曲', 'ord-clerk1', 'password.tooShort'],
    ['x'.repeat(201), 'ord-clerk1', 'password.tooLong'],
    ['ord-clerk1-secure', 'ord-clerk1', 'password.sameAsUsername'],
    ['ORD.Clerk1 2026!', 'ord-clerk1', 'password.sameAsUsername'],
    ['shiftdesk-demo', 'ord-clerk1', 'password.common'],
    ['ShiftDesk-Demo', 'ord-clerk1', 'password.common'],
    ['1234567890', 'ord-clerk1', 'password.common'],
    ['12345678901234', 'ord-clerk1', 'password.common'],
    ['password123', 'ord-clerk1', 'password.common'],
    ['Password2026!', 'ord-clerk1', 'password.common'],
    ['passwordpassword', 'ord-clerk1', 'password.common'],
    ['qwertyuiop', 'ord-clerk1', 'password.common'],
    ['aaaaaaaaaaaa', 'ord-clerk1', 'password.common'],
    ['admin@2026!!', 'ord-clerk1', 'password.common'],
  ] as const)('refuses %j for %s: %s', (password, username, problem) => {
    expect(passwordProblem(password, username)).toBe(problem)
  })

  it.each(['Huang-he-2026-jiu-qu', 'correct horse battery', '鄂尔多斯草原的蓝天白云2026', 'k7q2-xm9p-4tdr'])('accepts %j', (password) => {
    expect(passwordProblem(password, 'ord-clerk1')).toBeNull()
  })
})
