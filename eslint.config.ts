import type { Linter } from 'eslint'
import globals from 'globals'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'data/', 'coverage/', '.tmp/', 'test-results/'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.serviceworker } },
    rules: {
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
      eqeqeq: 'error',
    },
  },
  // The rules are shared by the app, its service worker and the server: no framework, storage or
  // Node import may creep in, only valibot, uuidv7 and other files of src/domain.
  domainImports('src/domain/*.ts', '^\\.\\./'),
  domainImports('src/domain/*/*.ts', '^\\.\\./\\.\\./'),
)

/** Imports allowed in `files` of src/domain: valibot, uuidv7 and relative paths that stay inside (not matching `outside`). */
function domainImports(files: string, outside: string): Linter.Config {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!valibot$|uuidv7$|\\.)', message: 'src/domain imports only valibot, uuidv7 and src/domain (no Vue, Dexie, Pinia or Node)' },
        { regex: outside, message: 'src/domain imports only files of src/domain' },
      ] }],
    },
  }
}
