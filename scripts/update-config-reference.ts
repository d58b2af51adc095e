// Rewrites the configuration reference in README.md (between its config-reference markers) and
// .env.example from the zod config schema: `npx tsx scripts/update-config-reference.ts`.
// tests/packaging/configReference.unit.spec.ts fails when either is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configReference } from '../src/api/cli/configReference';
import { envExample } from '../src/api/cli/envExample';

const root = path.resolve(__dirname, '..');
const readmePath = path.join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const section = /(<!-- config-reference:start[^>]*-->\n)[\s\S]*?(<!-- config-reference:end -->)/;
if (!section.test(readme)) throw new Error('README.md has no config-reference markers');
writeFileSync(readmePath, readme.replace(section, (_all, start: string, end: string) => `${start}${configReference()}\n${end}`));
writeFileSync(path.join(root, '.env.example'), envExample());
