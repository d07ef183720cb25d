import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// One project per test layer, so `npm test` runs them all and each can be run alone (--project).
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [vue()],
        resolve: { alias: { 'virtual:pwa-register/vue': fileURLToPath(new URL('./tests/support/pwa-register-stub.ts', import.meta.url)) } },
        test: { name: 'components', include: ['tests/components/**/*.test.ts'], environment: 'happy-dom' },
      },
      { test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node' } },
      {
        // The fault-injection suite in its short setting; `npm run test:chaos` runs the long one.
        test: { name: 'chaos', include: ['tests/chaos/**/*.test.ts'], environment: 'node', testTimeout: 180_000, fileParallelism: false },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Browser tests share the machine's two cores with Chromium and the server: one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
})
