import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Type-aware rules read each file's nearest tsconfig.json (the project service); project
// references let @fourthchat/shared resolve to its source, so no build is needed first.
const typed = {
  parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.cache/**',
      '.data/**',
      'coverage/**',
      'test/output/**',
      // n8n's own linter (n8n-node lint) owns the n8n package.
      'n8n-nodes/**',
      // Generated copies of shared/src (scripts/copy-shared.mjs): the source is linted.
      'zapier-app/src/shared/**',
      'relay/web/src/shared/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  { languageOptions: { globals: { ...globals.node } } },
  {
    // Production code: the type-checked strict preset.
    files: [
      'relay/src/**/*.ts',
      'relay/web/src/**/*.ts',
      'shared/src/**/*.ts',
      'zapier-app/src/**/*.ts',
    ],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: typed,
  },
  {
    // Tests: the promise rules (a forgotten await is a test that passes without checking);
    // response bodies are loosely typed there, so not the no-unsafe-* family.
    files: ['test/**/*.ts'],
    languageOptions: typed,
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
