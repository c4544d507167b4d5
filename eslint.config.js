// ESLint flat config. `npm run lint` = `eslint --max-warnings 0 .`: zero warnings, so every rule
// here is either an error or off.
import { builtinModules } from 'node:module'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'

/** Node's built-in modules: `node:*` and the bare names (builtinModules lists subpaths such as fs/promises too). */
const noNode = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'Node built-ins belong in src/main or src/cli.' })),
  patterns: [{ group: ['node:*'], message: 'Node built-ins belong in src/main or src/cli.' }]
}
const electron = { name: 'electron', message: 'Only src/main (outside core/ and host/) and src/preload may use Electron.' }
const electronPattern = { group: ['electron/*'], message: electron.message }
/** Relative or aliased imports reaching into another runtime's folder. */
const into = (folders, message) => ({ regex: `^(@${folders.join('|@')})(/|$)|^(\\.\\./)+(${folders.join('|')})(/|$)|(^|/)src/(${folders.join('|')})(/|$)`, message })

/**
 * Layering (house style 1): folders are named after the runtime they run in, and imports may
 * not cross the line. Each file group gets exactly one `no-restricted-imports` entry (a later
 * flat-config entry would replace, not merge, an earlier one), so the groups do not overlap.
 */
const layering = [
  {
    name: 'earshot/layering/shared',
    files: ['src/shared/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode.paths, electron, { name: 'vue', message: 'src/shared is plain TypeScript.' }, { name: 'pinia', message: 'src/shared is plain TypeScript.' }],
          patterns: [
            ...noNode.patterns,
            electronPattern,
            { group: ['vue/*', 'pinia/*', '@vue/*'], message: 'src/shared is plain TypeScript.' },
            into(['main', 'renderer', 'preload'], 'src/shared may not import from src/main, src/renderer or src/preload.')
          ]
        }
      ]
    }
  },
  {
    // The core and the web host also run in the CLI's plain Node process: no Electron.
    name: 'earshot/layering/core-cli',
    files: ['src/main/core/**/*.ts', 'src/main/host/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ ...electron, message: 'The core, the web host and the CLI run under plain Node: no Electron.' }],
          patterns: [
            { ...electronPattern, message: 'The core, the web host and the CLI run under plain Node: no Electron.' },
            into(['renderer', 'preload'], 'Main-side code may not import from src/renderer or src/preload.')
          ]
        }
      ]
    }
  },
  {
    name: 'earshot/layering/main',
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/core/**', 'src/main/host/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [into(['renderer', 'preload'], 'Main-side code may not import from src/renderer or src/preload.')] }]
    }
  },
  {
    // Sandboxed: only `electron` can be required at run time, everything else is bundled.
    name: 'earshot/layering/preload',
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode.paths, { name: '@shared/contract/schemas', message: 'schemas.ts pulls zod into the preload; import methods/errors/domains only.' }],
          patterns: [...noNode.patterns, into(['main', 'renderer'], 'The preload may not import from src/main or src/renderer.')]
        }
      ]
    }
  },
  {
    name: 'earshot/layering/renderer',
    files: ['src/renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noNode.paths, { ...electron, message: 'The renderer talks to main only through src/renderer/src/lib/api.ts.' }],
          patterns: [
            ...noNode.patterns,
            { ...electronPattern, message: 'The renderer talks to main only through src/renderer/src/lib/api.ts.' },
            into(['main', 'preload'], 'The renderer may not import from src/main or src/preload (types come from src/shared).')
          ]
        }
      ]
    }
  }
]

export default defineConfig(
  {
    name: 'earshot/ignores',
    ignores: ['out/**', 'out-*/**', 'dist/**', 'node_modules/**', '**/node_modules/**', 'tests/integration/**/node_modules/**', '.electron-native/**', 'test-results/**', 'coverage/**', '**/*.d.ts.map']
  },
  tseslint.configs.strict,
  pluginVue.configs['flat/recommended'],
  {
    name: 'earshot/vue-parser',
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module', ecmaVersion: 'latest' }
    }
  },
  {
    name: 'earshot/rules',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description', minimumDescriptionLength: 10 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // A few core rules (@eslint/js is not installed; these are the ones that catch real bugs).
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-fallthrough': 'error',
      'no-self-compare': 'error',
      'no-unsafe-finally': 'error',
      'no-cond-assign': 'error',
      'no-constant-binary-expression': 'error'
    }
  },
  {
    // Pure template layout with no bug behind it; with no formatter in the toolchain these two
    // only force dense, readable templates onto many lines. Everything else of
    // flat/recommended stays on.
    name: 'earshot/vue-layout',
    files: ['**/*.vue'],
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off'
    }
  },
  ...layering,
  {
    // Node scripts and config files.
    name: 'earshot/scripts',
    files: ['**/*.{js,mjs,cjs}'],
    rules: {
      '@typescript-eslint/no-require-imports': 'off'
    }
  }
)
