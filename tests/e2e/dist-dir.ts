import path from 'node:path'

export const E2E_DIST = path.resolve('.tmp/e2e-dist')
