import type { LogPosition } from '../../adapters/eventstore/eventStore';
import { compareLogPositions } from '../../adapters/eventstore/logPosition';

/** Whether a checkpoint has passed `target` (null checkpoint = nothing applied; null target = start). */
export function isAtOrAfter(position: LogPosition | null, target: LogPosition | null): boolean {
  if (!target) return true;
  return position !== null && compareLogPositions(position, target) >= 0;
}
