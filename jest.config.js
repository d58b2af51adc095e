/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // ESM-only dependencies must be transpiled too
  transformIgnorePatterns: ['/node_modules/(?!(uuid)/)'],
  // Saga suites wait for real Odoo inits that compete with the other suite on two cores.
  testTimeout: 240000,
  maxWorkers: 2,
};
