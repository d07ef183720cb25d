import path from 'node:path'
import { defineConfig } from 'vite'

/**
 * The benchmark page (bench/device): the app's real device code bundled on its own, served by the
 * central server under /__bench/ so it shares the app's origin. Never part of the app's build.
 */
export default defineConfig({
  root: path.resolve('bench/device'),
  base: '/__bench/',
  logLevel: 'warn',
  build: {
    outDir: path.resolve('.tmp/bench-dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Readable stacks and profiles of the device code under test.
    minify: false,
    sourcemap: true,
  },
})
