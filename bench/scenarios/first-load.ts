import { firstLoadSize } from '../../scripts/first-load-size'
import { APP_DIST } from '../lib/build'
import { figure } from '../lib/figures'
import type { Scenario } from '../lib/scenario'

/** The JavaScript the clerk's start page (the case list) needs before it shows, gzipped (scripts/first-load-size.ts). */
export const firstLoad: Scenario = {
  key: 'size',
  title: 'first-load JavaScript of the start page',
  async run({ raw }) {
    const size = firstLoadSize(APP_DIST)
    raw.firstLoad = size
    return [figure({
      name: 'first-load JavaScript, gzip', unit: 'KB', runs: [size.gzip / 1024], target: { op: '<=', value: 120 },
      note: `${size.files.map(f => `${f.file} ${(f.gzip / 1024).toFixed(1)} KB`).join(', ')}; lazy routes not counted`,
    })]
  },
}
