import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listCases } from '../../src/db/case-queries'
import type { ShiftDeskDB } from '../../src/db/database'
import type { CaseRecord, CaseStatus } from '../../src/domain'
import { freshDeviceDb } from '../support/device-db'
import { CENTER, PERSON_INTAKE } from '../support/fixtures'

let db: ShiftDeskDB
beforeEach(async () => { db = await freshDeviceDb() })
afterEach(() => db.delete())

let n = 0
const stored = (applicantName: string, receivedAt: string, status: CaseStatus = 'received'): CaseRecord => {
  const i = ++n
  return {
    ...PERSON_INTAKE, id: `0190c000-0000-7000-8000-${String(i).padStart(12, '0')}`, caseNo: `ORD-20261128-ZZZZZ-${String(i).padStart(4, '0')}`,
    centerId: CENTER.id, serviceItemName: '个人征信报告打印', applicantName, status, statusNote: '', receivedAt,
    receivedBy: 'u', receivedByName: '韩梅', updatedAt: receivedAt, version: 1, history: [],
  }
}

describe('searching by name', () => {
  it('lists every name with the prefix newest first, not in name order', async () => {
    const cases = [
      stored('王芳', '2026-11-20T01:00:00.000Z'), stored('王芳华', '2026-11-27T01:00:00.000Z'),
      stored('王芳', '2026-11-25T01:00:00.000Z'), stored('王五', '2026-11-28T01:00:00.000Z'),
      stored('李芳', '2026-11-28T02:00:00.000Z'), stored('王芳', '2026-11-26T01:00:00.000Z', 'completed'),
    ]
    await db.cases.bulkPut(cases)
    const page = await listCases(db, { search: ' 王芳 ', offset: 0, limit: 10 })
    expect(page.rows.map(c => c.receivedAt.slice(8, 10))).toEqual(['27', '26', '25', '20'])
    expect(page.hasMore).toBe(false)
    expect((await listCases(db, { search: '王', offset: 0, limit: 10 })).rows.map(c => c.applicantName))
      .toEqual(['王五', '王芳华', '王芳', '王芳', '王芳'])
  })

  it('pages newest first, with and without a status filter', async () => {
    const cases = Array.from({ length: 30 }, (_, i) =>
      stored(`张${i % 3}`, `2026-11-${String(i + 1).padStart(2, '0')}T01:00:00.000Z`, i % 2 ? 'completed' : 'received'))
    await db.cases.bulkPut(cases)
    const newest = [...cases].reverse()
    const first = await listCases(db, { search: '张', offset: 0, limit: 10 })
    const second = await listCases(db, { search: '张', offset: 10, limit: 10 })
    expect([...first.rows, ...second.rows].map(c => c.id)).toEqual(newest.slice(0, 20).map(c => c.id))
    expect(second.hasMore).toBe(true)
    expect((await listCases(db, { search: '张', offset: 20, limit: 10 })).hasMore).toBe(false)

    const done = newest.filter(c => c.status === 'completed')
    const a = await listCases(db, { search: '张', status: 'completed', offset: 0, limit: 6 })
    const c = await listCases(db, { search: '张', status: 'completed', offset: 12, limit: 6 })
    expect(a.rows.map(r => r.id)).toEqual(done.slice(0, 6).map(r => r.id))
    expect(a.hasMore).toBe(true)
    expect(c.rows.map(r => r.id)).toEqual(done.slice(12).map(r => r.id))
    expect(c.hasMore).toBe(false)
  })
})

describe('searching by a common name prefix', () => {
  it('walks the cases newest first when the prefix matches too many to sort', async () => {
    // 1,100 cases of 刘 (more than one read sorts) among 300 of others, a minute apart, some at the same time.
    const cases = Array.from({ length: 1400 }, (_, i) => stored(i % 14 < 11 ? `刘${i % 7}` : `陈${i}`,
      new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 60_000).toISOString(), i % 3 ? 'completed' : 'received'))
    await db.cases.bulkPut(cases)
    const newest = [...cases].sort((a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1))
    const liu = newest.filter(c => c.applicantName.startsWith('刘'))
    for (const offset of [0, 50, 1050]) {
      const page = await listCases(db, { search: '刘', offset, limit: 50 })
      expect(page.rows.map(c => c.id)).toEqual(liu.slice(offset, offset + 50).map(c => c.id))
      expect(page.hasMore).toBe(offset + 50 < liu.length)
    }
    const received = liu.filter(c => c.status === 'received')
    const page = await listCases(db, { search: '刘', status: 'received', offset: 300, limit: 50 })
    expect(page.rows.map(c => c.id)).toEqual(received.slice(300, 350).map(c => c.id))
  })

  const minutes = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
  const newestOf = (cases: CaseRecord[], prefix: string) => cases.filter(c => c.applicantName.startsWith(prefix)).reverse()

  it('reads and sorts the matches of a prefix too rare to walk for, once the walk shows how rare', async () => {
    // 273 cases of 赵 spread over 9,000: more than the first read, and the newest cases hold too few to fill a page soon.
    const cases = Array.from({ length: 9000 }, (_, i) => stored(i % 33 === 0 ? `赵${i % 5}` : `孙${i % 9}`, minutes(i)))
    await db.cases.bulkPut(cases)
    const zhao = newestOf(cases, '赵')
    for (const offset of [0, 100]) {
      const page = await listCases(db, { search: '赵', offset, limit: 50 })
      expect(page.rows.map(c => c.id)).toEqual(zhao.slice(offset, offset + 50).map(c => c.id))
      expect(page.hasMore).toBe(offset + 50 < zhao.length)
    }
  })

  it('finds matches that are all older than the newest cases', async () => {
    // 5,200 cases of 刘, all older than the 600 newest (others): the first read of the walk finds none.
    const cases = Array.from({ length: 5800 }, (_, i) => stored(i < 5200 ? `刘${i % 7}` : `陈${i}`, minutes(i)))
    await db.cases.bulkPut(cases)
    const page = await listCases(db, { search: '刘', offset: 0, limit: 50 })
    expect(page.rows.map(c => c.id)).toEqual(newestOf(cases, '刘').slice(0, 50).map(c => c.id))
    expect(page.hasMore).toBe(true)
  })

  it('walks on when the matches prove more than the walk still had to read', async () => {
    // One 刘 among the 300 newest cases, 1,600 among the older ones: read at that rate, every match
    // looks fewer than the cases still to walk, and is not.
    const cases = Array.from({ length: 2000 }, (_, i) => stored(i < 1700 ? (i % 17 ? `刘${i % 7}` : `陈${i}`) : i === 1850 ? '刘一' : `陈${i}`, minutes(i)))
    await db.cases.bulkPut(cases)
    for (const offset of [0, 3]) {
      const page = await listCases(db, { search: '刘', offset, limit: 5 })
      expect(page.rows.map(c => c.id)).toEqual(newestOf(cases, '刘').slice(offset, offset + 5).map(c => c.id))
      expect(page.hasMore).toBe(true)
    }
  })
})
