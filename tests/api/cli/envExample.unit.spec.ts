import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envExample } from '../../../src/api/cli/envExample';
import { configSchema } from '../../../src/config';

describe('.env.example', () => {
  it('is the generated list of every configuration key (regenerate with npm run cli -- config env-example)', () => {
    const committed = readFileSync(join(__dirname, '../../../.env.example'), 'utf8');
    expect(committed).toBe(envExample());
    for (const key of Object.keys(configSchema.shape)) expect(committed).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
  });
});
