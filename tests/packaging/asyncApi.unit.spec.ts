import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { asyncApiDocument } from '../../src/api/amqp/asyncApiDocument';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { eventPayloadSchemas } from '../../src/api/amqp/eventPayloadSchemas';

const file = path.resolve(__dirname, '../../docs/asyncapi.json');
const generated = `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;

describe('docs/asyncapi.json', () => {
  it('is the document generated from the command and event schemas (UPDATE_ASYNCAPI=1 rewrites it)', () => {
    if (process.env.UPDATE_ASYNCAPI === '1') writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });

  it('is valid AsyncAPI 3.0 for the AsyncAPI parser, every command and routing key in it', async () => {
    const { document, diagnostics } = await new Parser().parse(generated);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0).map((diagnostic) => `${diagnostic.path.join('.')}: ${diagnostic.message}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    const messageNames = document!.allMessages().all().map((message) => message.name());
    for (const type of Object.keys(commandHandlers)) expect(messageNames).toContain(type);
    const addresses = document!.allChannels().all().map((channel) => channel.address());
    for (const [type, entry] of Object.entries(eventPayloadSchemas)) expect(addresses).toContain(`${entry.category}.${type}`);
  });
});
