/** Stream names are `<category>-<id>`: one helper per aggregate builds them (e.g. instanceStream in
 * src/domain/instance/instanceStream.ts), and these read them back. */
export function isStreamOf(category: string, streamName: string): boolean {
  return streamName.startsWith(`${category}-`);
}

/** The id part of `<category>-<id>`; throws for a stream of another category (a wiring mistake). */
export function idOfStream(category: string, streamName: string): string {
  if (!isStreamOf(category, streamName)) throw new Error(`${streamName} is not a ${category} stream`);
  return streamName.slice(category.length + 1);
}
