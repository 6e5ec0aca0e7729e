/** Jest runs TypeScript through @swc/jest (no type-check; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  // Jest's default (cores - 1) uses one worker on the project's 2-core machines; two halve npm test.
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
