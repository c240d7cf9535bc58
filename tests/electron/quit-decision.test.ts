import { describe, expect, it } from 'vitest';
import {
  decideQuit,
  decideQuitAnswer,
  decideWindowClose,
  QUIT_BUTTONS,
  quitQuestion,
  type QuitDecision,
  type QuitPhase,
  type QuitReason,
} from '../../src-main/electron/quit-decision.js';

describe('decideQuit', () => {
  it.each<[QuitPhase, number, QuitReason, QuitDecision]>([
    ['running', 0, 'user', 'shutdown'],
    ['running', 1, 'user', 'ask'],
    ['running', 3, 'user', 'ask'],
    ['running', 2, 'system', 'shutdown'],
    ['running', 0, 'system', 'shutdown'],
    ['closing', 0, 'user', 'wait'],
    ['closing', 2, 'user', 'wait'],
    ['closing', 2, 'system', 'wait'],
    ['closed', 0, 'user', 'proceed'],
    ['closed', 5, 'user', 'proceed'],
  ])('phase %s, %i running, reason %s -> %s', (phase, runningJobs, reason, expected) => {
    expect(decideQuit({ phase, runningJobs, reason })).toBe(expected);
  });
});

describe('decideWindowClose', () => {
  it.each<[NodeJS.Platform, QuitPhase, 'close' | 'quit-app']>([
    ['linux', 'running', 'quit-app'],
    ['win32', 'running', 'quit-app'],
    ['win32', 'closing', 'quit-app'],
    ['darwin', 'running', 'close'],
    ['linux', 'closed', 'close'],
    ['darwin', 'closed', 'close'],
  ])('%s in phase %s -> %s', (platform, phase, expected) => {
    expect(decideWindowClose({ platform, phase })).toBe(expected);
  });
});

describe('the quit question', () => {
  it('names one running render', () => {
    const q = quitQuestion(['Why the sky is blue']);
    expect(q.message).toBe('A render is still running.');
    expect(q.detail).toContain('“Why the sky is blue” will be paused with its progress kept');
  });

  it('names at most three and counts the rest', () => {
    const q = quitQuestion(['a', 'b', 'c', 'd', 'e']);
    expect(q.message).toBe('5 renders are still running.');
    expect(q.detail).toContain('“a”, “b”, “c” and 2 more will be paused with their progress kept');
  });

  it('maps the first button to shutting down and anything else to staying', () => {
    expect(QUIT_BUTTONS[0]).toMatch(/quit/i);
    expect(decideQuitAnswer(0)).toBe('shutdown');
    expect(decideQuitAnswer(1)).toBe('stay');
    expect(decideQuitAnswer(-1)).toBe('stay');
  });
});
