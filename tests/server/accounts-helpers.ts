import { expect } from 'vitest'
import type { LoginResponse } from '../../src/domain/protocol'
import type { StaffAccount } from '../../src/domain/staff-account'
import { type Session, type TestServer, request } from './helpers'

/** A strong password the policy accepts, for accounts the tests make. */
export const STRONG_PASSWORD = 'Huang-he-2026-jiu-qu'

export async function signIn(server: TestServer, username: string, password: string, deviceId = `dev-${username}`) {
  return request<LoginResponse>(server, 'POST', '/api/auth/login', { json: { username, password, deviceId } })
}

type NewStaff = { username: string, name?: string, role: string, departments?: string[], centerId?: string }

/** An administrator creates the account over the API; answers its one-time password. */
export async function createStaff(server: TestServer, admin: Session, staff: NewStaff) {
  const answer = await request<{ account: StaffAccount, oneTimePassword: string }>(server, 'POST', '/api/staff', {
    token: admin.token,
    json: { name: staff.username, centerId: admin.user.centerId, ...staff },
  })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body
}

/** A new account, signed in, its one-time password changed to STRONG_PASSWORD: ready to work. */
export async function addStaff(server: TestServer, admin: Session, staff: NewStaff): Promise<Session> {
  const { oneTimePassword } = await createStaff(server, admin, staff)
  const deviceId = `dev-${staff.username}`
  const signedIn = await signIn(server, staff.username, oneTimePassword, deviceId)
  expect(signedIn.body.mustChangePassword).toBe(true)
  const changed = await request(server, 'POST', '/api/auth/password', {
    token: signedIn.body.token, json: { currentPassword: oneTimePassword, newPassword: STRONG_PASSWORD },
  })
  expect(changed.status, JSON.stringify(changed.body)).toBe(204)
  return { ...signedIn.body, deviceId }
}
