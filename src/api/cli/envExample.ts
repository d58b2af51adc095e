import { configKeys } from './configReference';

/** `.env.example` generated from the config schema, so the documented keys cannot drift from the real
 * ones: each key with its description and default (commented out when it has none). */
export function envExample(): string {
  const lines = ['# Every configuration key of the platform (src/config.ts) with its description and default.', '# Regenerate with the README\'s reference: npx tsx scripts/update-config-reference.ts'];
  for (const { key, description, defaultValue, choices } of configKeys()) {
    lines.push('', ...wrap(description).map((line) => `# ${line}`));
    if (choices) lines.push(`# one of: ${choices.join(', ')}`);
    lines.push(defaultValue === undefined ? `# ${key}=` : `${key}=${defaultValue}`);
  }
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width = 98): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}
