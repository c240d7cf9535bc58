/**
 * "When the queue finishes": pure decisions (no electron import), table-tested in plain Node.
 * The queue has finished when it had work (running or pending jobs) and now has none; paused
 * jobs wait for the user and do not count. Quitting and sleeping come after a countdown the
 * user can cancel, and new work arriving during it cancels it too.
 */
import type { FinishAction, FinishCountdown } from '../../src-shared/bridge.js';

export { FINISH_ACTIONS, type FinishAction, type FinishCountdown } from '../../src-shared/bridge.js';

/** How long the user has to cancel before the app quits or the computer sleeps. */
export const FINISH_COUNTDOWN_SECONDS = 60;

/** The queue's work: jobs running and jobs waiting to run. */
export interface QueueLoad {
  running: number;
  pending: number;
}

/** What the renders of one busy stretch of the queue came to. */
export interface FinishSummary {
  completed: number;
  failed: number;
}

/** - `finished`: act on the choice. `cancel-countdown`: work arrived, stop counting. `none`: nothing to do. */
export type LoadDecision = 'finished' | 'cancel-countdown' | 'none';

function busy(load: QueueLoad): boolean {
  return load.running + load.pending > 0;
}

/** What a change of the queue's load means, given whether a countdown is running. */
export function decideOnLoad(input: { was: QueueLoad; now: QueueLoad; countingDown: boolean }): LoadDecision {
  if (input.countingDown && busy(input.now)) return 'cancel-countdown';
  if (busy(input.was) && !busy(input.now)) return 'finished';
  return 'none';
}

/** What to do when the queue finishes: a notification, a countdown, both, or nothing. */
export interface FinishPlan {
  notification: { title: string; body: string } | null;
  countdown: FinishCountdown['action'] | null;
}

/** The plan for `action` after a stretch of renders that came to `summary`, with a countdown of `seconds`. */
export function planFinish(
  action: FinishAction,
  summary: FinishSummary,
  seconds: number = FINISH_COUNTDOWN_SECONDS,
): FinishPlan {
  switch (action) {
    case 'nothing':
      return { notification: null, countdown: null };
    case 'notify':
      return { notification: finishNotification(summary), countdown: null };
    case 'quit':
    case 'sleep':
      return { notification: finishNotification(summary, action, seconds), countdown: action };
  }
}

/** "Queue finished" / "3 videos rendered, 1 failed." (+ what happens next). */
export function finishNotification(
  summary: FinishSummary,
  next?: FinishCountdown['action'],
  seconds: number = FINISH_COUNTDOWN_SECONDS,
): { title: string; body: string } {
  const parts: string[] = [];
  if (summary.completed > 0)
    parts.push(`${summary.completed} ${summary.completed === 1 ? 'video' : 'videos'} rendered`);
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  const done = parts.length > 0 ? `${parts.join(', ')}.` : 'Nothing is left to render.';
  const after =
    next === 'quit'
      ? ` Aura Studio quits in ${seconds} s unless you cancel.`
      : next === 'sleep'
        ? ` The computer sleeps in ${seconds} s unless you cancel.`
        : '';
  return { title: 'Queue finished', body: done + after };
}

/** The OS command that puts the computer to sleep, or null where we know none. */
export function sleepCommand(platform: NodeJS.Platform): { file: string; args: string[] } | null {
  switch (platform) {
    case 'darwin':
      return { file: 'pmset', args: ['sleepnow'] };
    case 'win32':
      // SetSuspendState(hibernate=0, force=1, wakeupEventsDisabled=0): sleep, not hibernate.
      return { file: 'rundll32.exe', args: ['powrprof.dll,SetSuspendState', '0', '1', '0'] };
    case 'linux':
      return { file: 'systemctl', args: ['suspend'] };
    default:
      return null;
  }
}

/** True when `value` is one of the choices (IPC input is checked with it). */
export function isFinishAction(value: unknown): value is FinishAction {
  return value === 'nothing' || value === 'notify' || value === 'quit' || value === 'sleep';
}
