import { uuidv7 } from 'uuidv7'
import { passwordProblem } from '../../src/domain/password-policy'
import { type NewStaff, NewStaffSchema, type StaffAccount } from '../../src/domain/staff-account'
import * as v from 'valibot'
import { hashPassword, verifyPassword } from '../auth/password'
import { DEMO_PASSWORD } from '../seed/demo-org'
import type { Store } from '../store/store'
import { changedFields, recordAccountEvent } from './account-log'
import { insertAccount, usernameTaken } from './account-rows'

/**
 * A real installation's first administrator (`npm run admin:create`), and the checks the server
 * makes before it listens. An administrator belongs to a centre like everyone (users.center_id),
 * as the demo's `admin` belongs to ORD, but sees every centre (roles.ts centerLimit). A new
 * installation has no centre yet, so the command creates the first one with its administrator.
 */
export const CLI_ACTOR = 'cli:admin:create'

export class FirstAdminError extends Error {}

export interface FirstAdminInput {
  username: string
  name: string
  password: string
  /** The centre the administrator belongs to: an existing one by code, or a new one with its names. */
  center?: { code: string, name?: string, nameEn?: string }
}

async function centerFor(store: Store, center: FirstAdminInput['center']): Promise<{ id: string, created?: { code: string, name: string, nameEn: string } }> {
  const existing = await store.read(tx => tx.selectFrom('centers').select(['id', 'code']).orderBy('code').execute())
  if (!center) {
    if (existing[0]) return { id: existing[0].id }
    throw new FirstAdminError('There is no service centre yet: give the first one with --center-code and --center-name (e.g. --center-code ORD --center-name 鄂尔多斯市政务服务中心).')
  }
  const code = center.code.trim().toUpperCase()
  if (!/^[A-Z]{2,6}$/.test(code)) throw new FirstAdminError('--center-code must be 2 to 6 letters (it starts every case number of the centre).')
  const found = existing.find(c => c.code === code)
  if (found) return { id: found.id }
  const name = center.name?.trim()
  if (!name) throw new FirstAdminError(`There is no centre ${code} yet: give its name with --center-name.`)
  return { id: uuidv7(), created: { code, name, nameEn: center.nameEn?.trim() || name } }
}

/** Creates an administrator account with the password given (no change required: they chose it). */
export async function createAdministrator(store: Store, input: FirstAdminInput): Promise<StaffAccount> {
  const center = await centerFor(store, input.center)
  const parsed = v.safeParse(NewStaffSchema, { username: input.username, name: input.name, role: 'admin', centerId: center.id })
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new FirstAdminError(`--${v.getDotPath(issue) ?? 'username'}: ${issue.message}`)
  }
  const staff: NewStaff = parsed.output
  const problem = passwordProblem(input.password, staff.username)
  if (problem) throw new FirstAdminError(`The password is refused (${problem}): at least 10 characters, not containing the username, not a common password.`)
  const passwordHash = await hashPassword(input.password)
  return store.write(async (tx) => {
    if (await usernameTaken(tx, staff.username)) throw new FirstAdminError(`The username ${staff.username} is taken.`)
    if (center.created) {
      await tx.insertInto('centers').values({ id: center.id, code: center.created.code, name: center.created.name, name_en: center.created.nameEn }).execute()
    }
    const account = await insertAccount(tx, { ...staff, passwordHash, mustChangePassword: false })
    await recordAccountEvent(tx, { actorId: CLI_ACTOR, targetId: account.id, action: 'created', changes: changedFields(null, account, ['username', 'name', 'role', 'centerId']) })
    return account
  })
}

/** An enabled administrator exists. */
export async function hasAdministrator(store: Store): Promise<boolean> {
  const row = await store.read(tx => tx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).executeTakeFirst())
  return !!row
}

/** Usernames of enabled demo accounts that still have the published demo password. */
export async function demoAccountsWithPublishedPassword(store: Store): Promise<string[]> {
  const rows = await store.read(tx => tx.selectFrom('users').select(['username', 'password_hash'])
    .where('demo', '=', 1).where('disabled_at', 'is', null).orderBy('username').execute())
  const published = await Promise.all(rows.map(row => verifyPassword(DEMO_PASSWORD, row.password_hash)))
  return rows.filter((_, i) => published[i]).map(row => row.username)
}

/** Addresses only this machine can reach: the demo may listen there. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(h)
}

/** Why the server must not listen on `host` now, with what to do; null when it may. */
export async function refusalToListen(store: Store, host: string): Promise<string | null> {
  if (isLoopback(host)) return null
  const demo = await demoAccountsWithPublishedPassword(store)
  if (!demo.length) return null
  return [
    `Refusing to listen on ${host}: ${demo.length} demo account(s) (${demo.slice(0, 5).join(', ')}${demo.length > 5 ? ', …' : ''}) still have the published password "${DEMO_PASSWORD}", and anyone on the network could sign in with it.`,
    'To try the demo, listen on this machine only (leave HOST unset, or HOST=127.0.0.1).',
    'To start for real: DEMO=0 with a fresh DATA_DIR, then create the first administrator:',
    '  DEMO=0 DATA_DIR=/srv/shiftdesk npm run admin:create -- --username <name> --name <full name> --center-code <CODE> --center-name <centre name>',
    '  DEMO=0 DATA_DIR=/srv/shiftdesk HOST=0.0.0.0 npm start',
  ].join('\n')
}

export const NO_ADMIN_HELP = [
  'No administrator yet: nobody can sign in. Create the first one (it asks for the password):',
  '  npm run admin:create -- --username <name> --name <full name> --center-code <CODE> --center-name <centre name>',
].join('\n')
