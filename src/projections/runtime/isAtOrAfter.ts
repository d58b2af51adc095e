import type { LogPosition } from '../../ports/eventStore';
import { compareLogPositions } from '../../ports/logPosition';

/** Whether a checkpoint has passed `target` (null checkpoint = nothing applied; null target = start). */
export function isAtOrAfter(position: LogPosition | null, target: LogPosition | null): boolean {
  if (!target) return true;
  return position !== null && compareLogPositions(position, target) >= 0;
}
