import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configKeys, configReference } from '../../src/api/cli/configReference';
import { envExample } from '../../src/api/cli/envExample';

const root = path.resolve(__dirname, '../..');

// On a failure: `npx tsx scripts/update-config-reference.ts` rewrites both from src/config.ts.
describe('the configuration reference', () => {
  it('describes every key of the config schema', () => {
    expect(configKeys().filter((key) => key.description.trim().length < 10).map((key) => key.key)).toEqual([]);
  });

  it('in the README is the one generated from the schema', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = /<!-- config-reference:start[^>]*-->\n([\s\S]*?)\n<!-- config-reference:end -->/.exec(readme)?.[1];
    expect(section).toBe(configReference());
  });

  it('in .env.example is the one generated from the schema, descriptions included', () => {
    expect(readFileSync(path.join(root, '.env.example'), 'utf8')).toBe(envExample());
  });
});
