// Three layers, one runner: `npx jest --selectProjects unit|cloud|ui`.
// ts-jest only strips types (tsconfig's isolatedModules): `npm run typecheck` is the type gate.
const tsJest = ['ts-jest', { diagnostics: false }];
// TDesign's packed build is ES modules; the ui layer transpiles it to CommonJS for jest.
const tsJestWithJs = [
  'ts-jest',
  { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true } },
];

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  // Global in Jest (a project cannot set it): cloud tests start servers and workers.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'cloud',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/cloud/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.ts'],
      transform: { '^.+\\.[tj]s$': tsJestWithJs },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      // Every page in its key states, drawn and checked in Chromium (tools/screens).
      displayName: 'screens',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/screens/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/screens/support/setup.ts'],
      transform: { '^.+\\.[tj]s$': tsJestWithJs },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
