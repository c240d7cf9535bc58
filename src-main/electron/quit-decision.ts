/**
 * When the app may quit. Pure decisions, so every path is tested without Electron:
 * `before-quit` and the window's `close` ask these what to do.
 */

/** Where shutdown stands: `running` until the user quits, `closing` while the host shuts down, `closed` after. */
export type QuitPhase = 'running' | 'closing' | 'closed';

/** Why the app is being asked to quit. `system`: OS logout/shutdown, which must not wait for a dialog. */
export type QuitReason = 'user' | 'system';

/**
 * - `proceed`: let the quit happen (the host is already closed).
 * - `wait`: refuse this quit; a shutdown is already under way and will quit when done.
 * - `ask`: refuse, ask the user whether to pause the running renders and quit.
 * - `shutdown`: refuse, close the host (pauses running jobs with checkpoints), then quit.
 */
export type QuitDecision = 'proceed' | 'wait' | 'ask' | 'shutdown';

/** What to do with a request to quit the app. */
export function decideQuit(input: { phase: QuitPhase; runningJobs: number; reason: QuitReason }): QuitDecision {
  if (input.phase === 'closed') return 'proceed';
  if (input.phase === 'closing') return 'wait';
  if (input.runningJobs > 0 && input.reason === 'user') return 'ask';
  return 'shutdown';
}

/**
 * What closing the main window means. On macOS an app outlives its windows (renders go on, the
 * dock shows progress); elsewhere closing the last window is quitting, so it goes through the
 * quit decision (and its question) before the window disappears.
 */
export function decideWindowClose(input: { platform: NodeJS.Platform; phase: QuitPhase }): 'close' | 'quit-app' {
  if (input.phase === 'closed') return 'close';
  return input.platform === 'darwin' ? 'close' : 'quit-app';
}

/** The buttons of the quit question, in order; the first is the default, the second cancels. */
export const QUIT_BUTTONS = ['Pause renders and quit', 'Keep working'] as const;

/** The quit question's text for the running jobs' titles (at most a few named). */
export function quitQuestion(runningTitles: readonly string[]): { message: string; detail: string } {
  const count = runningTitles.length;
  const named = runningTitles.slice(0, 3).map((title) => `“${title}”`);
  const more = count > named.length ? ` and ${count - named.length} more` : '';
  return {
    message: count === 1 ? 'A render is still running.' : `${count} renders are still running.`,
    detail:
      `${named.join(', ')}${more} will be paused with ${count === 1 ? 'its' : 'their'} progress kept, ` +
      'and will continue the next time you open Aura Studio.',
  };
}

/** The quit question's answer (the index of the clicked button) as a decision. */
export function decideQuitAnswer(response: number): 'shutdown' | 'stay' {
  return response === 0 ? 'shutdown' : 'stay';
}
