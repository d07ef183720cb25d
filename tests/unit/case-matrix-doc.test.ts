import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CASE_ACTIONS, CASE_STATUSES, type CaseAction, type CaseStatus, editDenial, transitionDenial } from '../../src/domain'

/**
 * docs/case-matrix.md states who may do what in each case state. Its table is rendered here from
 * the rules in src/domain/case-status.ts and must match the document, so the two cannot drift: when
 * a rule changes, this test prints the new table to paste.
 */
const DOC = path.resolve(__dirname, '../../docs/case-matrix.md')
const START = '<!-- matrix:start (tests/unit/case-matrix-doc.test.ts) -->'
const END = '<!-- matrix:end -->'

function cell(action: CaseAction, status: CaseStatus): string {
  const may = (role: 'clerk' | 'supervisor', needsApproval: boolean) =>
    transitionDenial(action, { status, role, needsApproval, tookItIn: false }) === null
  const desk = may('clerk', false) || may('clerk', true)
  const supervisor = may('supervisor', false) || may('supervisor', true)
  if (!supervisor) return '—'
  // A decision: refused to the supervisor on their own intake or for another department.
  const decision = transitionDenial(action, { status, role: 'supervisor', needsApproval: true, tookItIn: true }) === 'ownCase'
  const who = desk ? 'desk' : decision ? 'supervisor ²' : 'supervisor'
  const items = may('supervisor', true) && may('supervisor', false) ? '' : may('supervisor', true) ? ' ³' : ' ⁴'
  return who + items
}

function renderMatrix(): string {
  const head = `| action | ${CASE_STATUSES.join(' | ')} |`
  const rule = `| --- |${CASE_STATUSES.map(() => ' --- |').join('')}`
  const rows = CASE_ACTIONS.map(action => `| ${action} | ${CASE_STATUSES.map(status => cell(action, status)).join(' | ')} |`)
  const edit = `| edit (case.update) | ${CASE_STATUSES.map(status => editDenial(status) ? `— (\`${editDenial(status)}\`)` : 'desk').join(' | ')} |`
  return [head, rule, ...rows, edit].join('\n')
}

describe('docs/case-matrix.md', () => {
  it('states the rules of src/domain/case-status.ts', () => {
    const text = fs.readFileSync(DOC, 'utf8')
    const table = text.slice(text.indexOf(START) + START.length, text.indexOf(END)).trim()
    expect(table, `docs/case-matrix.md should hold:\n${renderMatrix()}`).toBe(renderMatrix())
  })
})
