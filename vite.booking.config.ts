import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

/**
 * The public booking page: a separate small entry (booking/index.html → src/booking/), so citizens
 * never load the staff app, its service worker or its database code. Built into dist/booking after
 * the staff app (`npm run build`) and served by the central server at /book/ (server/booking/page.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('./booking', import.meta.url)),
  base: '/book/',
  // The staff app's public/ (manifest icons) is not the page's; it links /icon.svg from there.
  publicDir: false,
  plugins: [vue({ features: { optionsAPI: false } })],
  // The same flags as vite.config.ts (not imported from it: Vite's coming native config loader
  // refuses extensionless imports): vue-i18n in composition mode, messages through
  // src/i18n/compile-message.ts, so vue-i18n's own compiler and legacy API stay out.
  define: {
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/booking', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
})
