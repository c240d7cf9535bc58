/**
 * Watches the engine for the queue finishing and carries out the user's choice: a notification,
 * or a cancellable countdown, then quitting or sleeping. No electron import: the OS actions are
 * handed in, so the whole flow runs in plain Node against a real engine (tests/electron).
 */
import type { EngineApi } from '../engine/engine-api.js';
import {
  decideOnLoad,
  FINISH_COUNTDOWN_SECONDS,
  planFinish,
  type FinishAction,
  type FinishCountdown,
  type FinishSummary,
  type QueueLoad,
} from './finish-action.js';

/** What the watcher does to the OS and the window. */
export interface FinishEffects {
  notify(title: string, body: string): void;
  quit(): void;
  sleep(): Promise<void>;
  /** The countdown as it ticks; null when it ends or is canceled. */
  countdown(state: FinishCountdown | null): void;
}

/** Options of {@link watchQueueFinish}. */
export interface QueueFinishOptions {
  engine: Pick<EngineApi, 'subscribe' | 'stats'>;
  effects: FinishEffects;
  /** @default FINISH_COUNTDOWN_SECONDS */
  countdownSeconds?: number;
  /** One countdown tick. @default 1000 */
  tickMs?: number;
}

/** The watcher's handle: the choice, cancelling a countdown, stopping. */
export interface QueueFinishWatcher {
  action: FinishAction;
  readonly countdown: FinishCountdown | null;
  cancelCountdown(): void;
  stop(): void;
}

const LOAD_EVENTS = new Set([
  'job-created',
  'job-status',
  'job-completed',
  'job-failed',
  'job-canceled',
  'job-deleted',
]);

/** Starts watching. The choice starts as "do nothing" and lasts for this run of the app. */
export function watchQueueFinish(options: QueueFinishOptions): QueueFinishWatcher {
  const { engine, effects } = options;
  const seconds = options.countdownSeconds ?? FINISH_COUNTDOWN_SECONDS;
  const tickMs = options.tickMs ?? 1000;
  const loadNow = (): QueueLoad => {
    const stats = engine.stats();
    return { running: stats.running, pending: stats.pending };
  };
  let load = loadNow();
  let summary: FinishSummary = { completed: 0, failed: 0 };
  let countdown: FinishCountdown | null = null;
  let action: FinishAction = 'nothing';
  let timer: NodeJS.Timeout | undefined;

  const stopCountdown = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (countdown) {
      countdown = null;
      effects.countdown(null);
    }
  };

  const startCountdown = (action: FinishCountdown['action']): void => {
    countdown = { action, secondsLeft: seconds };
    effects.countdown(countdown);
    timer = setInterval(() => {
      if (!countdown) return;
      const left = countdown.secondsLeft - 1;
      if (left > 0) {
        countdown = { action, secondsLeft: left };
        effects.countdown(countdown);
        return;
      }
      stopCountdown();
      if (action === 'quit') effects.quit();
      else void effects.sleep().catch((error: unknown) => console.error('Could not put the computer to sleep:', error));
    }, tickMs);
  };

  const unsubscribe = engine.subscribe((event) => {
    // Counted from the status event: it comes first, so the count is right when the queue empties.
    if (event.type === 'job-status' && event.data.status === 'completed') {
      summary = { ...summary, completed: summary.completed + 1 };
    }
    if (event.type === 'job-status' && event.data.status === 'failed') {
      summary = { ...summary, failed: summary.failed + 1 };
    }
    if (!LOAD_EVENTS.has(event.type)) return;
    const was = load;
    load = loadNow();
    const decision = decideOnLoad({ was, now: load, countingDown: countdown !== null });
    if (decision === 'cancel-countdown') stopCountdown();
    if (decision !== 'finished') return;
    const plan = planFinish(action, summary, seconds);
    summary = { completed: 0, failed: 0 };
    if (plan.notification) effects.notify(plan.notification.title, plan.notification.body);
    if (plan.countdown) startCountdown(plan.countdown);
  });

  return {
    get action() {
      return action;
    },
    set action(next: FinishAction) {
      action = next;
      // Choosing something else while counting down is changing one's mind: stop counting.
      if (countdown && countdown.action !== next) stopCountdown();
    },
    get countdown() {
      return countdown;
    },
    cancelCountdown: stopCountdown,
    stop() {
      unsubscribe();
      stopCountdown();
    },
  };
}
