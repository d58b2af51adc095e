import type { MessageProperties } from 'amqplib';
import { copyPublishOptions } from '../../../src/adapters/bus/copyPublishOptions';
import { messagePublisher } from '../../../src/adapters/bus/messagePublisher';

const platform = 'platform-api';
const props = (userId: string | undefined, headers: Record<string, unknown> = {}) => ({ userId, headers }) as unknown as MessageProperties;

describe('who published a message (broker-validated user_id)', () => {
  it('is the user_id of a message someone else published; their header claims count for nothing', () => {
    expect(messagePublisher(props('acme-sync', { 'x-platform-publisher': 'ops' }), platform)).toBe('acme-sync');
    expect(messagePublisher(props(undefined, { 'x-platform-publisher': 'ops' }), platform)).toBeNull();
  });

  it("is the header on the platform's own copies, whose user_id only the platform can set", () => {
    expect(messagePublisher(props(platform, { 'x-platform-publisher': 'acme-sync' }), platform)).toBe('acme-sync');
    expect(messagePublisher(props(platform), platform)).toBe(platform);
  });

  it('survives a copy (retry, dead letter, redrive), and a header nobody vouched for is dropped', () => {
    const copy = copyPublishOptions(props('acme-sync', { 'x-platform-publisher': 'ops' }), { 'x-platform-publisher': 'ops' }, platform);
    expect(copy).toMatchObject({ userId: platform, headers: { 'x-platform-publisher': 'acme-sync' } });
    expect(messagePublisher(props(copy.userId, copy.headers), platform)).toBe('acme-sync');
    const unvouched = copyPublishOptions(props(undefined, { 'x-platform-publisher': 'ops' }), { 'x-platform-publisher': 'ops' }, platform);
    expect(unvouched.headers).not.toHaveProperty('x-platform-publisher');
  });
});
