import { callApi } from '../api/client'
import { db } from '../db/db'
import {
  accountEvents, changePassword as changePasswordRoute, createStaff as createStaffRoute, disableStaff, enableStaff, listStaff,
  resetStaffPassword, updateStaff as updateStaffRoute,
} from '../domain/api/account-routes'
import { listDevices, revokeDevice as revokeDeviceRoute } from '../domain/api/device-routes'
import type { NewStaff, StaffChanges } from '../domain/staff-account'

/**
 * The account pages' calls to the central system (online only: an account change is checked and
 * saved there at once, never queued). A refusal is thrown as CentralError with the answer's body:
 * a 400's field errors, a 409's reason.
 */
export type { StaffAccount } from '../domain/staff-account'
export type { Device } from '../domain/api/device-routes'

export const fetchStaff = (token: string, centerId?: string) => callApi(listStaff, { query: centerId ? { centerId } : {} }, { token })
export const createStaff = (token: string, body: NewStaff) => callApi(createStaffRoute, { body }, { token })
export const updateStaff = (token: string, id: string, body: StaffChanges) => callApi(updateStaffRoute, { params: { id }, body }, { token })
export const setStaffEnabled = (token: string, id: string, enabled: boolean) =>
  callApi(enabled ? enableStaff : disableStaff, { params: { id } }, { token })
export const resetPassword = (token: string, id: string) => callApi(resetStaffPassword, { params: { id } }, { token })
export const fetchAccountEvents = (token: string, targetId?: string) => callApi(accountEvents, { query: targetId ? { targetId } : {} }, { token })
export const changeOwnPassword = (token: string, currentPassword: string, newPassword: string) =>
  callApi(changePasswordRoute, { body: { currentPassword, newPassword } }, { token })
export const fetchDevices = (token: string) => callApi(listDevices, { query: {} }, { token })
export const revokeDevice = (token: string, id: string) => callApi(revokeDeviceRoute, { params: { id } }, { token })

/** After the one-time password was changed: the device lets its user go on (router guard). */
export async function markPasswordChanged(userId: string): Promise<void> {
  await db.sessions.update(userId, { mustChangePassword: false })
}
