/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // ESM-only dependencies must be transpiled too
  transformIgnorePatterns: ['/node_modules/(?!(uuid)/)'],
  testTimeout: 60000,
  maxWorkers: 2,
};
