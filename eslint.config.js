import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noClimb = { regex: '^(\\.\\./){3,}', message: 'No ../../../ climbs: use a workspace package (@xianfeng/contracts) or stay inside the module.' };

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'apps/server/migrations/**', '.test-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.config.ts', 'scripts/*.mts'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // node:test's describe/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: [noClimb] }],
    },
  },
  // Import boundaries (ARCHITECTURE §2): modules use each other only through `*.service.ts`; a schema may
  // reference another module's table for a foreign key; platform/ knows no domain.
  {
    files: ['apps/server/src/modules/**/*.ts'],
    ignores: ['apps/server/src/modules/*/*.schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noClimb,
            { regex: '^\\.\\./[^/.][^/]*/(?![^/]+\\.service\\.ts$)', message: 'Modules talk through each other’s *.service.ts only (never repositories, rules or tables).' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/*/*.schema.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noClimb, { regex: '^\\.\\./[^/.][^/]*/(?![^/]+\\.schema\\.ts$)', message: 'A schema may import only another module’s schema (foreign keys).' }] }],
    },
  },
  {
    files: ['apps/server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noClimb, { regex: '(^|/)(modules|seed)/', message: 'platform/ knows no domain.' }] }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
