import type { ReadStreamOptions } from '../../../ports/eventStore';

/** Applies readStream's fromVersion/direction/maxCount to a stream held in memory (index = version). */
export function sliceStream<T>(stream: readonly T[], { fromVersion, direction = 'forwards', maxCount }: ReadStreamOptions): T[] {
  if (direction === 'forwards') {
    const start = Math.max(fromVersion ?? 0, 0);
    return stream.slice(start, maxCount === undefined ? undefined : start + maxCount);
  }
  const end = Math.min(fromVersion ?? stream.length - 1, stream.length - 1) + 1;
  if (end <= 0) return [];
  const start = maxCount === undefined ? 0 : Math.max(end - maxCount, 0);
  return stream.slice(start, end).reverse();
}
