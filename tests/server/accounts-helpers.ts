import { uuidv7 } from 'uuidv7'
import { hashPassword } from '../../server/auth/password'
import { DEMO_PASSWORD } from '../../server/seed/demo-org'
import type { Session, TestServer } from './helpers'

/** Another staff member of the admin's centre (or `centerCode`), signing in with the demo password. */
export async function addStaff(server: TestServer, _admin: Session, staff: { username: string, role: string, departments?: string[], centerCode?: string }) {
  const center = server.sql.prepare('select id from centers where code = ?').get(staff.centerCode ?? 'ORD') as { id: string }
  server.sql.prepare('insert into users (id, username, name, role, center_id, password_hash, departments) values (?, ?, ?, ?, ?, ?, ?)')
    .run(uuidv7(), staff.username, staff.username, staff.role, center.id, await hashPassword(DEMO_PASSWORD), JSON.stringify(staff.departments ?? []))
}
