import * as accounts from './account-routes'
import * as audit from './audit-routes'
import * as booking from './booking-routes'
import * as calendar from './calendar-routes'
import * as devices from './device-routes'
import * as sync from './sync-routes'

/**
 * Every route of the central server, by name. The server must serve each (its handler table is
 * typed by this object); the app imports the route files it needs one by one, so a page loads only
 * the schemas it uses.
 */
export const API = {
  health: sync.health, login: sync.login, logout: sync.logout, push: sync.push, pull: sync.pull,
  listStaff: accounts.listStaff, createStaff: accounts.createStaff, updateStaff: accounts.updateStaff,
  disableStaff: accounts.disableStaff, enableStaff: accounts.enableStaff, resetStaffPassword: accounts.resetStaffPassword,
  accountEvents: accounts.accountEvents, changePassword: accounts.changePassword,
  listDevices: devices.listDevices, revokeDevice: devices.revokeDevice,
  verifyAudit: audit.verifyAudit, caseAudit: audit.caseAudit,
  centers: calendar.centers, centerCalendar: calendar.centerCalendar, saveCenterCalendar: calendar.saveCenterCalendar,
  holidays: calendar.holidays, saveHolidays: calendar.saveHolidays,
  publicCenters: booking.publicCenters, publicItems: booking.publicItems, publicDays: booking.publicDays,
  publicSlots: booking.publicSlots, book: booking.book, lookupBooking: booking.lookupBooking, cancelBooking: booking.cancelBooking,
}
export type Api = typeof API
export type RouteName = keyof Api

export * from './route'
