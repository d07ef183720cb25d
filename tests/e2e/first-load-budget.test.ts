import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstLoadSize } from '../../scripts/first-load-size'
import { E2E_DIST } from './dist-dir'

/** The clerk's start page on a tablet over a weak outreach link: its JavaScript has a budget. */
const BUDGET_GZIP_BYTES = 120 * 1024
/** The signed-in clerk's start page: the one page in the first load. */
const START_PAGE = 'CaseListPage.vue'

/** A chunk of Vite's build manifest (build.manifest), keyed by the source it starts from. */
interface ManifestChunk { file: string, isEntry?: boolean, isDynamicEntry?: boolean, imports?: string[], dynamicImports?: string[] }
type Manifest = Record<string, ManifestChunk>

const manifest = (): Manifest => JSON.parse(fs.readFileSync(path.join(E2E_DIST, '.vite/manifest.json'), 'utf8')) as Manifest

/** The chunks the entry loads before anything shows: it and everything it imports statically, transitively. */
function staticGraph(chunks: Manifest, entry: string): Set<string> {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const next of chunks[key]?.imports ?? []) visit(next)
  }
  visit(entry)
  return seen
}

describe('first-load JavaScript', () => {
  it(`stays within ${BUDGET_GZIP_BYTES / 1024} KB gzipped (entry and the chunks it preloads)`, () => {
    const { files, gzip } = firstLoadSize(E2E_DIST)
    const listing = files.map(f => `${f.file}: ${(f.gzip / 1024).toFixed(1)} KB`).join(', ')
    expect(gzip, `first load is ${(gzip / 1024).toFixed(1)} KB gzipped: ${listing}`).toBeLessThanOrEqual(BUDGET_GZIP_BYTES)
  })

  it('keeps every page but the start page, and the sync engine, out of it: each a chunk of its own, loaded by import()', () => {
    const chunks = manifest()
    const first = staticGraph(chunks, 'index.html')
    const firstFiles = new Set([...first].map(key => chunks[key]!.file))
    // What the built index.html loads is what the manifest's graph says: the check below reads the right graph.
    expect(new Set(firstLoadSize(E2E_DIST).files.map(f => f.file))).toEqual(firstFiles)

    const lazy = fs.readdirSync('src/pages').filter(f => f.endsWith('.vue') && f !== START_PAGE).map(f => `src/pages/${f}`)
    expect(lazy.length).toBeGreaterThan(10)
    for (const source of [...lazy, 'src/sync/run-sync.ts']) {
      // A page imported statically anywhere in the first load is merged into its chunks: no chunk of its own.
      expect(chunks[source]?.isDynamicEntry, `${source} is a chunk of its own, loaded on demand`).toBe(true)
      expect(first.has(source) || firstFiles.has(chunks[source]!.file), `${source} is in the first load`).toBe(false)
    }
  })
})
