import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  plugins: [
    // Every component is <script setup>: the Options API is not shipped.
    vue({ features: { optionsAPI: false } }),
    VitePWA({
      // Our own worker (sw/sw.ts): it runs the sync engine, so generateSW would not do.
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // A new version waits for the user; it never reloads over unsaved input or a running sync.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'ShiftDesk 政务服务错时延时工作台',
        short_name: 'ShiftDesk',
        description: '政务服务中心周末、节假日、延时及流动服务的离线办件工作台',
        lang: 'zh-CN',
        theme_color: '#1d4ed8',
        background_color: '#f5f7fb',
        display: 'standalone',
        orientation: 'any',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
    }),
  ],
  server: {
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
  // vue-i18n in composition mode only (legacy API, global components and devtools hooks left out);
  // messages go through src/i18n/compile-message.ts, so vue-i18n's own compiler is left out too.
  define: {
    __INTLIFY_DROP_MESSAGE_COMPILER__: true,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    target: 'es2022',
    // The browsers this targets all preload modules themselves: the polyfill is first-load weight.
    modulePreload: { polyfill: false },
  },
})
