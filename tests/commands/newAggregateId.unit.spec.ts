import { v7 } from 'uuid';
import { newAggregateId } from '../../src/commands/newAggregateId';

describe('newAggregateId', () => {
  it('is deterministic per commandId', () => {
    const commandId = v7();
    expect(newAggregateId(commandId)).toBe(newAggregateId(commandId));
    expect(newAggregateId('client-key-123')).toBe(newAggregateId('client-key-123'));
  });

  it('keeps UUIDv7 time order and shape for UUIDv7 command ids', async () => {
    const first = v7();
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = v7();
    const a = newAggregateId(first);
    const b = newAggregateId(second);
    for (const id of [a, b]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(a).not.toBe(first);
  });

  it('gives different ids to different keys', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newAggregateId(v7())));
    expect(ids.size).toBe(1000);
    expect(newAggregateId('key-a')).not.toBe(newAggregateId('key-b'));
  });
});
