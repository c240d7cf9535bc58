/**
 * Quitting: asks first when renders are running, then closes the host (running jobs paused
 * with their checkpoints, children killed, timers stopped) and only then lets the app exit.
 * The decisions themselves are the pure functions of quit-decision.ts.
 */
import { app, dialog, powerMonitor, type BrowserWindow } from 'electron';
import type { EngineApi } from '../engine/engine-api.js';
import {
  decideQuit,
  decideQuitAnswer,
  decideWindowClose,
  QUIT_BUTTONS,
  quitQuestion,
  type QuitPhase,
  type QuitReason,
} from './quit-decision.js';

export interface QuitFlowOptions {
  engine: Pick<EngineApi, 'list'>;
  /** The window to attach the question to, when one is open. */
  window(): BrowserWindow | undefined;
  /** Stops the desktop extras, then closes the host. Must not throw for a quit to finish. */
  shutdown(): Promise<void>;
}

/** The quit flow's handle: windows ask it whether they may close. */
export interface QuitFlow {
  /** For a window's `close` event: true when the close should go ahead now. */
  allowWindowClose(): boolean;
  /** The OS is ending the session (Windows `session-end`): quit without asking. */
  systemShutdown(): void;
  readonly phase: QuitPhase;
}

/** Installs the `before-quit` guard. */
export function installQuitFlow(options: QuitFlowOptions): QuitFlow {
  let phase: QuitPhase = 'running';
  let reason: QuitReason = 'user';
  let asking = false;

  const shutdownThenQuit = async (): Promise<void> => {
    phase = 'closing';
    process.off('SIGINT', systemShutdown);
    process.off('SIGTERM', systemShutdown);
    try {
      await options.shutdown();
    } catch (error) {
      console.error('Shutdown did not finish cleanly:', error);
    }
    phase = 'closed';
    app.quit();
  };

  const ask = async (titles: string[]): Promise<void> => {
    if (asking) return;
    asking = true;
    try {
      const question = quitQuestion(titles);
      const box = {
        type: 'question' as const,
        buttons: [...QUIT_BUTTONS],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
        message: question.message,
        detail: question.detail,
      };
      const parent = options.window();
      const { response } = parent ? await dialog.showMessageBox(parent, box) : await dialog.showMessageBox(box);
      if (decideQuitAnswer(response) === 'shutdown') await shutdownThenQuit();
    } finally {
      asking = false;
    }
  };

  app.on('before-quit', (event) => {
    const running = options.engine.list({ status: 'running', limit: 200 });
    const decision = decideQuit({ phase, runningJobs: running.length, reason });
    if (decision === 'proceed') return;
    event.preventDefault();
    if (decision === 'ask') void ask(running.map((job) => job.title));
    else if (decision === 'shutdown') void shutdownThenQuit();
  });

  // Logging out or shutting down the OS: no question, just pause the work and go.
  function systemShutdown(): void {
    reason = 'system';
    app.quit();
  }
  powerMonitor.on('shutdown', systemShutdown);
  // Ctrl-C in the terminal of `npm start`, or a service manager's stop: the same graceful quit.
  process.on('SIGINT', systemShutdown);
  process.on('SIGTERM', systemShutdown);

  return {
    get phase() {
      return phase;
    },
    allowWindowClose() {
      if (decideWindowClose({ platform: process.platform, phase }) === 'close') return true;
      app.quit();
      return false;
    },
    systemShutdown,
  };
}
