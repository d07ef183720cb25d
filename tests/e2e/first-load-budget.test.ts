import { describe, expect, it } from 'vitest'
import { firstLoadSize } from '../../scripts/first-load-size'
import { E2E_DIST } from './dist-dir'

/** The clerk's start page on a tablet over a weak outreach link: its JavaScript has a budget. */
const BUDGET_GZIP_BYTES = 120 * 1024

describe('first-load JavaScript', () => {
  it(`stays within ${BUDGET_GZIP_BYTES / 1024} KB gzipped (entry and the chunks it preloads)`, () => {
    const { files, gzip } = firstLoadSize(E2E_DIST)
    const listing = files.map(f => `${f.file}: ${(f.gzip / 1024).toFixed(1)} KB`).join(', ')
    expect(gzip, `first load is ${(gzip / 1024).toFixed(1)} KB gzipped: ${listing}`).toBeLessThanOrEqual(BUDGET_GZIP_BYTES)
  })

  it('keeps the heavy pages and the sync engine out of the first load', () => {
    const { files } = firstLoadSize(E2E_DIST)
    for (const lazy of ['IntakePage', 'CaseDetailPage', 'OutboxPage', 'SignInPage', 'run-sync'])
      expect(files.map(f => f.file).join(' ')).not.toContain(lazy)
  })
})
