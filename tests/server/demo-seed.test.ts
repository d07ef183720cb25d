import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseRecord } from '../../src/domain/case'
import { CASE_NO_PATTERN } from '../../src/domain/case-number'
import { creditCodeProblem } from '../../src/domain/credit-code'
import { isMobile } from '../../src/domain/mobile'
import { residentIdProblem } from '../../src/domain/resident-id'
import type { ServiceItem } from '../../src/domain/service-item'
import { buildApp } from '../../server/app'
import { type TestServer, login, startServer } from './helpers'

let server: TestServer
beforeAll(async () => { server = await startServer() })
afterAll(() => server.close())

const all = <T>(sql: string) => server.sql.prepare(sql).all() as T[]

describe('demo seed', () => {
  it('creates the four centres and their accounts, all flagged demo', async () => {
    expect(all<{ code: string }>('select code from centers order by code').map(c => c.code)).toEqual(['HNS', 'JCS', 'LZX', 'ORD'])
    const users = all<{ username: string, role: string, demo: number }>('select username, role, demo from users')
    expect(users).toHaveLength(17)
    expect(users.every(u => u.demo === 1)).toBe(true)
    for (const code of ['ord', 'lzx', 'hns', 'jcs']) {
      expect(users.filter(u => u.username.startsWith(`${code}-`)).map(u => u.role).sort()).toEqual(['clerk', 'clerk', 'outreach', 'supervisor'])
    }
    expect((await login(server, 'admin')).user.role).toBe('admin')
    expect((await login(server, 'jcs-outreach')).center.code).toBe('JCS')
  })

  it('has a catalogue of at least 16 items, including the approval items', () => {
    const items = all<{ data: string }>('select data from service_items').map(r => JSON.parse(r.data) as ServiceItem)
    expect(items.length).toBeGreaterThanOrEqual(16)
    const blasting = items.find(i => i.name === '爆破作业审批')!
    expect(blasting).toMatchObject({ urgent: true, needsApproval: true, applicants: ['enterprise'] })
    expect(items.some(i => i.materials.some(m => m.eLicence))).toBe(true)
  })

  it('has about 40 valid demo cases per centre in every status, marked demo', () => {
    const cases = all<{ data: string, center_id: string, seq: number }>('select data, center_id, seq from cases').map(r => ({ ...r, record: JSON.parse(r.data) as CaseRecord }))
    expect(cases).toHaveLength(160)
    expect(new Set(cases.map(c => c.record.status)).size).toBe(8)
    for (const { record } of cases) {
      const problem = record.applicantType === 'person' ? residentIdProblem(record.idNumber) : creditCodeProblem(record.idNumber)
      expect(problem, record.idNumber).toBeNull()
      expect(isMobile(record.phone)).toBe(true)
      expect(record.caseNo).toMatch(CASE_NO_PATTERN)
      expect(record.caseNo).toContain('-DEMO0-')
      expect(record.notes).toBe('演示数据')
      expect(record.history.length).toBeGreaterThanOrEqual(1)
    }
    expect(new Set(cases.map(c => c.seq)).size).toBe(160)
  })

  it('does not seed again on a second start, nor when demo is off', async () => {
    const before = all<{ n: number }>('select count(*) as n from cases')[0]!.n
    const again = await buildApp({ dataDir: server.dataDir, demo: true, logger: false })
    await again.close()
    expect(all<{ n: number }>('select count(*) as n from cases')[0]!.n).toBe(before)
    const bare = await startServer({ demo: false })
    try {
      expect(bare.sql.prepare('select count(*) as n from users').get()).toEqual({ n: 0 })
    }
    finally {
      await bare.close()
    }
  })
})
