import { appStore } from '../../store/app-store.js';
import { moveJob } from './job-actions.js';

/** The drag data type of a queue row: only our rows can be dropped on our rows. */
export const DRAG_TYPE = 'application/x-aura-job';

/**
 * A pending row dropped on another pending row takes its place: before it when dragged up,
 * after it when dragged down (so dropping on a neighbour swaps the two).
 */
export function dropMove(draggedId: string, targetId: string): void {
  if (!draggedId || draggedId === targetId) return;
  const { positions } = appStore.getState().queue;
  const from = positions.get(draggedId);
  const to = positions.get(targetId);
  if (from === undefined || to === undefined) return;
  void moveJob(draggedId, from > to ? { before: targetId } : { after: targetId });
}
