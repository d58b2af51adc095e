export function sagaStreamName(sagaName: string, sagaId: string): string {
  return `saga-${sagaName}-${sagaId}`;
}

/** `saga-<name>-<uuid>`: the name has no dash, the id is the last 36 characters. */
export function parseSagaStreamName(streamName: string): { sagaName: string; sagaId: string } | null {
  const match = /^saga-([A-Za-z0-9_]+)-([0-9a-f-]{36})$/.exec(streamName);
  return match ? { sagaName: match[1]!, sagaId: match[2]! } : null;
}
