import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { EventFollower, FollowContainerEventsOptions } from '../../ports/dockerEngine';

/**
 * Follows Docker's events (die, oom, start by default) of labelled containers. Resolves once subscribed,
 * so nothing that happens afterwards is missed. After a lost stream it resubscribes with `since` = the
 * last event seen and drops what it already delivered: no gap, no duplicate.
 */
export async function followContainerEvents(docker: Docker, options: FollowContainerEventsOptions): Promise<EventFollower> {
  const actions = options.actions ?? ['die', 'oom', 'start'];
  let lastTimeNano = 0n;
  let stopped = false;
  let current: Readable | null = null;
  let retry: NodeJS.Timeout | null = null;

  const subscribe = async (): Promise<void> => {
    const filters = { type: ['container'], event: actions, label: options.labels };
    const since = lastTimeNano > 0n ? `${lastTimeNano / 1_000_000_000n}.${String(lastTimeNano % 1_000_000_000n).padStart(9, '0')}` : undefined;
    const stream = (await docker.getEvents({ filters: JSON.stringify(filters), ...(since ? { since } : {}) } as never)) as unknown as Readable;
    if (stopped) {
      stream.destroy();
      return;
    }
    current = stream;
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) deliver(line);
        newline = buffered.indexOf('\n');
      }
    });
    const lost = (error?: Error) => {
      if (stopped || current !== stream) return;
      current = null;
      options.onError?.(error ?? new Error('docker events stream ended'));
      retry = setTimeout(() => subscribe().catch((e: Error) => lost(e)), options.reconnectDelayMs ?? 1000);
    };
    stream.on('error', lost);
    stream.on('end', () => lost());
  };

  const deliver = (line: string) => {
    const raw = JSON.parse(line) as { Action: string; Actor: { ID: string; Attributes?: Record<string, string> }; timeNano: number | string };
    // timeNano exceeds 2^53: read its digits from the text, not from the parsed number.
    const timeNano = BigInt(/"timeNano":\s*"?(\d+)/.exec(line)?.[1] ?? String(raw.timeNano));
    if (timeNano <= lastTimeNano) return; // replayed by a `since` resubscription
    lastTimeNano = timeNano;
    const attributes = raw.Actor.Attributes ?? {};
    options.onEvent({
      action: raw.Action,
      containerId: raw.Actor.ID,
      name: attributes.name,
      // Docker puts labels and its own attributes (name, image, exitCode) in one map.
      labels: attributes,
      exitCode: attributes.exitCode === undefined ? undefined : Number(attributes.exitCode),
      timeNano,
    });
  };

  await subscribe();
  return {
    stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      (current as Readable | null)?.destroy();
      current = null;
    },
  };
}
