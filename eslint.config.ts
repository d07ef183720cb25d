import stylistic from '@stylistic/eslint-plugin'
import type { Linter } from 'eslint'
import globals from 'globals'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'data/', 'coverage/', '.tmp/', 'test-results/'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  // The formatter: two spaces, single quotes, no semicolons, `}` then `catch`/`else` on its own line.
  stylistic.configs.customize({ indent: 2, quotes: 'single', semi: false, braceStyle: 'stroustrup', commaDangle: 'always-multiline' }),
  {
    rules: {
      // Short guards and try/catch on one line read better than four lines each.
      '@stylistic/max-statements-per-line': 'off',
      // CSP sources are quoted with single quotes inside the string.
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true }],
      // A union type starts on the line after its `=`.
      '@stylistic/operator-linebreak': ['error', 'before', { overrides: { '=': 'ignore' } }],
    },
  },
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
      'eqeqeq': 'error',
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
