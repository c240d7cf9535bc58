import { api } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';
import { appStore, clearSelection } from '../../store/app-store.js';
import { askConfirm, notify } from '../../store/ui-store.js';
import { availableActions } from './job-actions.js';

/** The selected jobs that can take `action` now, by the same rules as each row's buttons. */
export function selectedFor(action: 'cancel' | 'delete'): string[] {
  const { selected, queue } = appStore.getState();
  return [...selected].filter((id) => {
    const job = queue.jobs.get(id);
    return job !== undefined && availableActions(job)[action];
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Cancels or deletes every selected job that allows it, after one confirmation. */
export async function actOnSelected(action: 'cancel' | 'delete'): Promise<void> {
  const ids = selectedFor(action);
  if (ids.length === 0) return;
  const ok = await askConfirm(
    action === 'cancel'
      ? {
          title: `Cancel ${plural(ids.length, 'job')}?`,
          body: 'Their renders stop and their temporary files are deleted. Canceled renders cannot be resumed.',
          confirmLabel: 'Yes, cancel them',
          cancelLabel: 'Keep them',
        }
      : {
          title: `Delete ${plural(ids.length, 'job')}?`,
          body: 'Their videos and every file they made are removed from this computer.',
          confirmLabel: 'Yes, delete them',
          cancelLabel: 'Keep them',
        },
  );
  if (!ok) return;
  // Asked again at confirm time: a job may have ended (or gone) while the dialog was open.
  const still = new Set(selectedFor(action));
  const results = await Promise.allSettled(
    ids.filter((id) => still.has(id)).map((id) => (action === 'cancel' ? api().cancel(id) : api().deleteJob(id))),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  clearSelection();
  const done = results.length - failed.length;
  const verb = action === 'cancel' ? 'Canceled' : 'Deleted';
  if (failed.length === 0) notify(`${verb} ${plural(done, 'job')}.`);
  else
    notify(
      `${verb} ${plural(done, 'job')}; ${failed.length} could not be: ${errorMessage(failed[0]!.reason)}`,
      'error',
    );
}

/** "Clear finished": every completed and canceled job deleted in one request, after one confirmation. */
export async function clearFinished(): Promise<void> {
  const { stats } = appStore.getState().queue;
  const count = stats.completed + stats.canceled;
  if (count === 0) return;
  const ok = await askConfirm({
    title: `Clear ${plural(count, 'finished job')}?`,
    body: 'Completed and canceled jobs are removed from the queue, with their videos and files. Failed jobs stay.',
    confirmLabel: 'Yes, clear them',
    cancelLabel: 'Keep them',
  });
  if (!ok) return;
  try {
    const { deleted } = await api().deleteMany(['completed', 'canceled']);
    notify(`Cleared ${plural(deleted, 'finished job')}.`);
  } catch (error) {
    notify(`Could not clear finished jobs: ${errorMessage(error)}`, 'error');
  }
}
