import { z } from 'zod';
import { configSchema } from '../../config';

/** `.env.example` generated from the config schema, so the documented keys cannot drift from the real ones. */
export function envExample(): string {
  const defaults = configSchema.parse({}) as Record<string, unknown>;
  const json = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, { enum?: unknown[] }> };
  const lines = ['# Every configuration key of the platform (src/config.ts) with its default.', '# Regenerate: npm run cli -- config env-example > .env.example', ''];
  for (const key of Object.keys(configSchema.shape)) {
    const enumValues = json.properties[key]?.enum;
    if (enumValues) lines.push(`# one of: ${enumValues.join(', ')}`);
    const value = defaults[key];
    if (value === undefined) lines.push(`# ${key}=`);
    else lines.push(`${key}=${Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return `${lines.join('\n')}\n`;
}
