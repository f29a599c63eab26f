import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'miniprogram/miniprogram_npm/**',
      'miniprogram/packages/*/miniprogram_npm/**',
      'cloudfunctions/*/index.js',
      '.local-cloud/**',
      'coverage/**',
      'test/fixtures/**/built/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // A bare z.record drops a "__proto__" key silently (see idRecord in server/lib/schemas.ts).
    files: ['server/**/*.ts'],
    ignores: ['server/lib/schemas.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'z', property: 'record', message: 'Use idRecord from server/lib/schemas.ts.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
