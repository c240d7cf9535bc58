import { describe, expect, it } from 'vitest';
import {
  decideOnLoad,
  finishNotification,
  isFinishAction,
  planFinish,
  sleepCommand,
  type FinishAction,
  type LoadDecision,
} from '../../src-main/electron/finish-action.js';

const load = (running: number, pending: number) => ({ running, pending });

describe('decideOnLoad', () => {
  it.each<[string, ReturnType<typeof load>, ReturnType<typeof load>, boolean, LoadDecision]>([
    ['the last render ends', load(1, 0), load(0, 0), false, 'finished'],
    ['the last of several ends', load(2, 0), load(0, 0), false, 'finished'],
    ['one ends, another waits', load(1, 1), load(0, 1), false, 'none'],
    ['one ends, the next starts', load(1, 1), load(1, 0), false, 'none'],
    ['the last pending is canceled', load(0, 1), load(0, 0), false, 'finished'],
    ['idle stays idle (a delete, a pause)', load(0, 0), load(0, 0), false, 'none'],
    ['work starts', load(0, 0), load(1, 0), false, 'none'],
    ['work arrives during a countdown', load(0, 0), load(0, 1), true, 'cancel-countdown'],
    ['a countdown while idle goes on', load(0, 0), load(0, 0), true, 'none'],
  ])('%s', (_name, was, now, countingDown, expected) => {
    expect(decideOnLoad({ was, now, countingDown })).toBe(expected);
  });
});

describe('planFinish', () => {
  const summary = { completed: 3, failed: 1 };
  it.each<[FinishAction, boolean, 'quit' | 'sleep' | null]>([
    ['nothing', false, null],
    ['notify', true, null],
    ['quit', true, 'quit'],
    ['sleep', true, 'sleep'],
  ])('%s: notification %s, countdown %s', (action, notifies, countdown) => {
    const plan = planFinish(action, summary);
    expect(plan.notification !== null).toBe(notifies);
    expect(plan.countdown).toBe(countdown);
  });

  it('says what the renders came to, and what happens next', () => {
    expect(finishNotification({ completed: 3, failed: 1 })).toEqual({
      title: 'Queue finished',
      body: '3 videos rendered, 1 failed.',
    });
    expect(finishNotification({ completed: 1, failed: 0 }, 'sleep').body).toBe(
      '1 video rendered. The computer sleeps in 60 s unless you cancel.',
    );
    expect(finishNotification({ completed: 0, failed: 0 }, 'quit').body).toBe(
      'Nothing is left to render. Aura Studio quits in 60 s unless you cancel.',
    );
  });
});

describe('sleepCommand', () => {
  it.each<[NodeJS.Platform, string | null]>([
    ['linux', 'systemctl suspend'],
    ['darwin', 'pmset sleepnow'],
    ['win32', 'rundll32.exe powrprof.dll,SetSuspendState 0 1 0'],
    ['aix', null],
  ])('%s → %s', (platform, command) => {
    const found = sleepCommand(platform);
    expect(found ? [found.file, ...found.args].join(' ') : null).toBe(command);
  });
});

describe('isFinishAction', () => {
  it.each([
    ['nothing', true],
    ['sleep', true],
    ['shutdown', false],
    ['', false],
    [1, false],
    [null, false],
    [{ toString: () => 'quit' }, false],
  ])('%j → %s', (value, ok) => {
    expect(isFinishAction(value)).toBe(ok);
  });
});
