import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

/**
 * The JavaScript a browser fetches before the first page can show: the entry script of the built
 * index.html and every chunk it preloads. Lazy routes are not counted. Sizes are gzip level 9.
 */
export interface FirstLoad { files: { file: string, raw: number, gzip: number }[], raw: number, gzip: number }

export function firstLoadSize(distDir = 'dist'): FirstLoad {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8')
  const refs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/?([^"]+\.js)"/g)].map(m => m[1]!)
  const files = [...new Set(refs)].map((file) => {
    const bytes = fs.readFileSync(path.join(distDir, file))
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  })
  return { files, raw: files.reduce((n, f) => n + f.raw, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = firstLoadSize(process.argv[2] ?? 'dist')
  for (const f of result.files) console.info(`${f.file.padEnd(48)} ${(f.raw / 1024).toFixed(1).padStart(7)} KB  gzip ${(f.gzip / 1024).toFixed(1).padStart(6)} KB`)
  console.info(`first-load JavaScript: ${(result.raw / 1024).toFixed(1)} KB, gzip ${(result.gzip / 1024).toFixed(1)} KB`)
}
