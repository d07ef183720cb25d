import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deviceTimeOf, queueOrder, submissionOf, submissionSkewMinutes, waitingSince } from '../../src/domain/approval-queue'
import type { CaseRecord } from '../../src/domain/case'
import { centerDay } from '../../src/domain/center-time'
import { MAX_JSON_DEPTH, type PushResponse } from '../../src/domain/protocol'
import type { ServiceItem } from '../../src/domain/service-item'
import { type Session, type TestServer, catalogue, countRows, createCase, login, push, request, serverWithClerk, transitionCase, updateCase } from './helpers'

/** The push trusts nothing it can check (issue #12): device binding, depth and size, strict payloads, versions, case numbers. */
let server: TestServer
let clerk: Session
let item: ServiceItem

beforeAll(async () => ({ server, clerk, item } = await serverWithClerk()))
afterAll(() => server.close())

const auditRows = () => countRows(server, 'audit_log')

describe('a session pushes only under the device it signed in on', () => {
  it('refuses a batch under another device id whole: 403, nothing applied or logged', async () => {
    const other = await login(server, 'ord-clerk1', 'tablet-other')
    const m = createCase(clerk, item, {})
    const spoofed = { ...m, deviceId: other.deviceId }
    const before = auditRows()
    const answer = await push(server, clerk, [spoofed], other.deviceId)
    expect(answer.status).toBe(403)
    expect(answer.body).toEqual({
      error: 'FORBIDDEN',
      message: `deviceId: this session signed in on device "${clerk.deviceId}"; a push may only carry that device's changes`,
    })
    expect(countRows(server, 'mutations', 'id = ?', m.id)).toBe(0)
    expect(countRows(server, 'cases', 'id = ?', m.entityId)).toBe(0)
    expect(auditRows()).toBe(before)
    // The same change under its own device goes through.
    expect((await push(server, clerk, [m])).body.results[0]!.status).toBe('applied')
  })
})

const rawPush = (body: string) => request(server, 'POST', '/api/sync/push', { token: clerk.token, raw: body })

describe('depth, size and strict payloads', () => {
  it('refuses a 6,000-deep body with 400 on every try, and applies nothing', async () => {
    const m = createCase(clerk, item)
    const deep = '['.repeat(6000) + ']'.repeat(6000)
    const body = JSON.stringify({ deviceId: clerk.deviceId, mutations: [{ ...m, payload: { ...m.payload, notes: '@DEEP@' } }] })
      .replace('"@DEEP@"', deep)
    for (let i = 0; i < 2; i++) {
      const answer = await rawPush(body)
      expect(answer.status).toBe(400)
      expect(answer.body).toEqual({ error: 'BAD_REQUEST', message: `Request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays` })
    }
    expect(countRows(server, 'mutations', 'id = ?', m.id)).toBe(0)
  })

  it('counts brackets inside strings as text, not nesting', async () => {
    const m = createCase(clerk, item, { notes: '[{'.repeat(100) })
    expect((await push(server, clerk, [m])).body.results[0]!.status).toBe('applied')
  })

  it('rejects one mutation whose payload is over 16 KB, logs it without the payload, and applies the rest', async () => {
    const big = createCase(clerk, item, { notes: '材'.repeat(6000) }) // 18 KB of UTF-8
    const fine = createCase(clerk, item)
    const answer = await push(server, clerk, [big, fine])
    expect(answer.status).toBe(200)
    expect(answer.body.results.map(r => r.status)).toEqual(['rejected', 'applied'])
    expect(answer.body.results[0]).toMatchObject({ code: 'INVALID', reason: 'reject.payloadTooLarge', message: 'The change\'s payload is larger than 16 KB of UTF-8 JSON.' })
    const row = server.sql.prepare('select * from mutations where id = ?').get(big.id) as Record<string, unknown>
    expect(row).not.toHaveProperty('payload')
    expect(JSON.stringify(row)).not.toContain('材')
    // Replayed, it gets its stored answer.
    expect((await push(server, clerk, [big])).body.results[0]).toMatchObject({ reason: 'reject.payloadTooLarge' })
  })

  it('keeps rejected payloads out of the log: 20 rejected intakes of 15 KB store under 10 KB', async () => {
    const before = (server.sql.prepare('select coalesce(sum(length(result)), 0) as n from mutations').get() as { n: number }).n
    const rejects = Array.from({ length: 20 }, () => createCase(clerk, item, { notes: 'x'.repeat(15_000) }))
    const answer = await push(server, clerk, rejects)
    expect(answer.body.results.every(r => r.status === 'rejected' && r.reason === 'field.tooLong')).toBe(true)
    const after = (server.sql.prepare('select coalesce(sum(length(result)), 0) as n from mutations').get() as { n: number }).n
    expect(after - before).toBeLessThan(10_000)
  })

  it('refuses unknown keys in every op\'s payload, naming the key', async () => {
    const create = createCase(clerk, item, { isAdmin: true })
    const answer = await push(server, clerk, [create])
    expect(answer.body.results[0]).toMatchObject({
      status: 'rejected', code: 'INVALID', reason: 'reject.unknownField', field: 'isAdmin',
      message: 'isAdmin: This key is not part of the operation\'s payload.',
    })
    expect(countRows(server, 'cases', 'id = ?', create.entityId)).toBe(0)

    const stored = createCase(clerk, item)
    await push(server, clerk, [stored])
    const update = updateCase(clerk, stored.entityId, { notes: 'ok' }, { baseVersion: 1 })
    const transition = transitionCase(clerk, stored.entityId, 'start', { baseVersion: 1 })
    const updateAnswer = await push(server, clerk, [{ ...update, payload: { ...update.payload, extra: 1 } }])
    expect(updateAnswer.body.results[0]).toMatchObject({ status: 'rejected', reason: 'reject.unknownField', field: 'extra' })
    const transitionAnswer = await push(server, clerk, [{ ...transition, payload: { ...transition.payload, status: 'completed' } }])
    expect(transitionAnswer.body.results[0]).toMatchObject({ status: 'rejected', reason: 'reject.unknownField', field: 'status' })
    const unknownField = await push(server, clerk, [updateCase(clerk, stored.entityId, { status: 'completed' }, { baseVersion: 1 })])
    expect(unknownField.body.results[0]).toMatchObject({ status: 'rejected', reason: 'reject.fieldNotEditable', field: 'status' })
  })
})

describe('versions and case numbers', () => {
  it('refuses a baseVersion above the stored version, naming it', async () => {
    const create = createCase(clerk, item)
    await push(server, clerk, [create])
    const ahead = updateCase(clerk, create.entityId, { notes: 'from the future' }, { baseVersion: 2 })
    const answer = await push(server, clerk, [ahead])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID', reason: 'reject.baseVersionAhead', field: 'baseVersion' })
    expect(answer.body.results[0]).toHaveProperty('message', 'baseVersion: baseVersion is above the version the central system has; the change was not made on a version it sent.')
    const createAhead = { ...createCase(clerk, item), baseVersion: 3 }
    expect((await push(server, clerk, [createAhead])).body.results[0]).toMatchObject({ reason: 'reject.baseVersionAhead' })
    expect(countRows(server, 'cases', 'id = ?', createAhead.entityId)).toBe(0)
    // At the stored version and below it still works (below: field conflicts decide).
    expect((await push(server, clerk, [updateCase(clerk, create.entityId, { notes: 'now' }, { baseVersion: 1 })])).body.results[0]!.status).toBe('applied')
  })

  const withCaseNo = (caseNo: string, receivedAt = new Date().toISOString()) => createCase(clerk, item, { caseNo, receivedAt })
  const today = () => centerDay(new Date()).replaceAll('-', '')
  const dayOffset = (days: number) => centerDay(new Date(Date.now() + days * 86_400_000)).replaceAll('-', '')

  it('refuses a case number of another centre', async () => {
    const squat = withCaseNo(`LZX-${today()}-TEST0-0001`)
    const answer = await push(server, clerk, [squat])
    expect(answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID', reason: 'reject.caseNoCenter', field: 'caseNo' })
    expect(countRows(server, 'cases', 'id = ?', squat.entityId)).toBe(0)
  })

  it('refuses a case number whose date is impossible, far from receivedAt, or after tomorrow', async () => {
    const cases = [
      withCaseNo('ORD-20261131-TEST0-0001', '2026-11-30T02:00:00.000Z'),
      withCaseNo(`ORD-${dayOffset(-3)}-TEST0-0002`),
      withCaseNo(`ORD-${dayOffset(3)}-TEST0-0003`, new Date(Date.now() + 3 * 86_400_000).toISOString()),
    ]
    const answer = await push(server, clerk, cases)
    expect(answer.body.results.map(r => r.status === 'rejected' && r.reason)).toEqual(['reject.caseNoDate', 'reject.caseNoDate', 'reject.caseNoDate'])
  })

  it('accepts a day either side of receivedAt by the centre\'s clock, and tomorrow', async () => {
    const cases = [
      withCaseNo(`ORD-${dayOffset(-1)}-TEST1-0001`),
      withCaseNo(`ORD-${dayOffset(1)}-TEST1-0002`),
      withCaseNo(`ORD-${today()}-TEST1-0003`, new Date(Date.now() - 86_400_000).toISOString()),
    ]
    const answer = await push(server, clerk, cases)
    expect(answer.body.results.map(r => r.status)).toEqual(['applied', 'applied', 'applied'])
  })
})

describe('device clocks: kept, measured per batch, corrected in the approval queue', () => {
  const pushAt = (session: Session, mutations: unknown[], sentAt?: string) =>
    request<PushResponse>(server, 'POST', '/api/sync/push', { token: session.token, json: { deviceId: session.deviceId, ...(sentAt ? { sentAt } : {}), mutations } })
  const storedCase = (id: string) => JSON.parse((server.sql.prepare('select data from cases where id = ?').get(id) as { data: string }).data) as CaseRecord

  it('records the skew of a tablet whose clock says 2020, and the queue orders it by the server\'s time', async () => {
    const approvalItem = (await catalogue(server, clerk)).find(i => i.needsApproval && i.applicants.includes('person'))!
    // An honest tablet submitted its case 5 minutes ago (it was offline), the 2020 tablet a minute ago by its clock.
    const honest = createCase(clerk, approvalItem)
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString()
    const honestSubmit = { ...transitionCase(clerk, honest.entityId, 'submitForApproval'), clientTime: fiveMinutesAgo }
    expect((await pushAt(clerk, [honest, honestSubmit], new Date().toISOString())).body.results.map(r => r.status)).toEqual(['applied', 'applied'])

    const old = await login(server, 'ord-clerk2', 'tablet-2020')
    const clock2020 = '2020-01-01T00:00:00.000Z'
    const sentAt = '2020-01-01T00:01:00.000Z'
    const skewed = { ...createCase(old, approvalItem, { caseNo: 'ORD-20200101-OLD20-0001', receivedAt: clock2020 }), clientTime: clock2020 }
    const skewedSubmit = { ...transitionCase(old, skewed.entityId, 'submitForApproval'), clientTime: clock2020 }
    const pushedAt = Date.now()
    expect((await pushAt(old, [skewed, skewedSubmit], sentAt)).body.results.map(r => r.status)).toEqual(['applied', 'applied'])

    const record = storedCase(skewed.entityId)
    const expected = Date.parse(sentAt) - pushedAt
    const submission = submissionOf(record)!
    expect(Math.abs(submission.clockSkewMs! - expected)).toBeLessThan(5_000)
    expect(submission.clientAt).toBe(clock2020) // kept as the device said
    // Corrected: about a minute before it was sent, never after it arrived.
    const since = Date.parse(waitingSince(record))
    expect(since).toBeGreaterThan(pushedAt - 70_000)
    expect(since).toBeLessThanOrEqual(Date.parse(submission.at))
    expect(submissionSkewMinutes(record)).toBe(Math.round(submission.clockSkewMs! / 60_000))

    const honestRecord = storedCase(honest.entityId)
    expect(submissionOf(honestRecord)).not.toHaveProperty('clockSkewMs')
    const order = [{ record, urgent: false }, { record: honestRecord, urgent: false }].sort(queueOrder)
    expect(order.map(q => q.record.id)).toEqual([honest.entityId, skewed.entityId])
  })

  it('keeps working for older devices without sentAt: nothing recorded, a clock ahead is capped at arrival', async () => {
    const ahead = { ...createCase(clerk, item), clientTime: new Date(Date.now() + 3_600_000).toISOString() }
    expect((await pushAt(clerk, [ahead])).body.results[0]!.status).toBe('applied')
    const entry = storedCase(ahead.entityId).history[0]!
    expect(entry).not.toHaveProperty('clockSkewMs')
    expect(deviceTimeOf(entry)).toBe(entry.at)
  })

  it('refuses a sentAt that is not a timestamp, naming it', async () => {
    const answer = await pushAt(clerk, [createCase(clerk, item)], 'yesterday')
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ error: 'BAD_REQUEST', message: expect.stringMatching(/^sentAt: /) })
  })
})

describe('names and free text', () => {
  it('refuses a NUL or a right-to-left override in a name, and a control character in a status note, with field.controlChars', async () => {
    const answer = await push(server, clerk, [
      createCase(clerk, item, { applicantName: '王\u0000明' }),
      createCase(clerk, item, { applicantName: '王\u202E明小' }),
      createCase(clerk, item, { notes: 'ok\u0007' }),
    ])
    expect(answer.body.results.map(r => r.status === 'rejected' && [r.reason, r.field])).toEqual([
      ['field.controlChars', 'applicantName'], ['field.controlChars', 'applicantName'], ['field.controlChars', 'notes'],
    ])
    const stored = createCase(clerk, item)
    await push(server, clerk, [stored])
    const note = await push(server, clerk, [transitionCase(clerk, stored.entityId, 'returnForMaterials', { baseVersion: 1, note: '缺少\u202E材料' })])
    expect(note.body.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID', reason: 'field.controlChars', field: 'note' })
  })

  it('stores names NFC, notes with their line breaks, and a full-width or spaced ID number as ASCII', async () => {
    const id = createCase(clerk, item).payload.idNumber as string
    const spaced = [...id].map(c => String.fromCharCode(c.charCodeAt(0) + 0xFEE0)).join('').replace(/(.{6})/, '$1 ')
    const m = createCase(clerk, item, { applicantName: 'Zoe\u0308', notes: '一\r\n二', idNumber: spaced })
    expect((await push(server, clerk, [m])).body.results[0]!.status).toBe('applied')
    const stored = JSON.parse((server.sql.prepare('select data from cases where id = ?').get(m.entityId) as { data: string }).data) as CaseRecord
    expect(stored).toMatchObject({ applicantName: 'Zoë', notes: '一\n二', idNumber: id })
  })
})
