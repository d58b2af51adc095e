import { z } from 'zod';
import { configSchema } from '../../config';

export interface ConfigKey {
  key: string;
  description: string;
  /** The default as an environment value; undefined = unset by default. */
  defaultValue: string | undefined;
  choices: string[] | undefined;
}

/** Every configuration key, its description, default and choices, from the zod schema (src/config.ts). */
export function configKeys(): ConfigKey[] {
  const defaults = configSchema.parse({}) as Record<string, unknown>;
  const json = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, { enum?: unknown[]; default?: unknown }> };
  return Object.entries(configSchema.shape).map(([key, schema]) => {
    const value = defaults[key];
    return {
      key,
      description: schema.description ?? '',
      // As one would write it in the environment: lists comma-separated, maps as JSON.
      defaultValue: value === undefined ? undefined : Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value),
      choices: json.properties[key]?.enum?.map(String),
    };
  });
}

/** The README's configuration reference: one Markdown table row per key. */
export function configReference(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = configKeys().map(({ key, description, defaultValue, choices }) =>
    `| \`${key}\` | ${defaultValue === undefined ? '*unset*' : defaultValue === '' ? '*empty*' : `\`${cell(defaultValue)}\``} | ${cell(description)}${choices ? ` One of: ${choices.join(', ')}.` : ''} |`);
  return ['| key | default | what |', '|---|---|---|', ...rows].join('\n');
}
