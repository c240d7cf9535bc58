import { describe, expect, it } from 'vitest';
import { hashInputs, parseCheckpointLines } from '../../src-main/engine/checkpoint-store.js';
import { defaultDataDir, resolveDataDir } from '../../src-main/engine/data-dir.js';
import { parseEventLines } from '../../src-main/engine/event-log.js';
import { ProgressTracker } from '../../src-main/engine/progress-tracker.js';

describe('parseEventLines', () => {
  const ev = (seq: number) =>
    JSON.stringify({ seq, ts: 1, jobId: 'j', type: 'job-log', data: { jobId: 'j', level: 'info', message: 'm' } });
  it.each([
    ['empty', '', [], 0],
    ['two good lines', `${ev(1)}\n${ev(2)}\n`, [1, 2], -1],
    ['torn last line', `${ev(1)}\n{"seq":2,"ty`, [1], ev(1).length + 1],
    ['corrupt middle line', `${ev(1)}\nxx\n${ev(3)}\n`, [1, 3], -1],
    ['unknown type', `${ev(1)}\n{"seq":2,"type":"nope"}\n`, [1], ev(1).length + 1],
  ])('%s', (_name, text, seqs, validBytes) => {
    const parsed = parseEventLines(text);
    expect(parsed.events.map((e) => e.seq)).toEqual(seqs);
    expect(parsed.validBytes).toBe(validBytes === -1 ? Buffer.byteLength(text) : validBytes);
  });
});

describe('ProgressTracker', () => {
  it('maps step progress by weight and never goes back', () => {
    const t = new ProgressTracker([1, 3], 0, 0);
    expect(t.update(0, 50)).toBe(12.5);
    expect(t.update(0, 100)).toBe(25);
    expect(t.update(1, 0)).toBe(25);
    expect(t.update(0, 10)).toBe(25);
    expect(t.update(1, 50)).toBe(62.5);
    expect(t.update(1, 100)).toBe(100);
  });
  it('offers an ETA only after real progress, from the observed rate', () => {
    const t = new ProgressTracker([1], 0, 0);
    expect(t.eta(500)).toBeNull();
    t.update(0, 0.5);
    expect(t.eta(5000)).toBeNull();
    t.update(0, 25);
    expect(t.eta(10_000)).toBe(30);
    t.update(0, 100);
    expect(t.eta(20_000)).toBe(0);
  });
});

describe('hashInputs', () => {
  it('ignores key order and sees every value', () => {
    expect(hashInputs({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(hashInputs({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(hashInputs({ a: 1 })).not.toBe(hashInputs({ a: 2 }));
  });
});

describe('data dir', () => {
  it('prefers the flag, then AURA_DATA_DIR, then the OS default', () => {
    expect(resolveDataDir('/x/flag', { AURA_DATA_DIR: '/x/env' })).toBe('/x/flag');
    expect(resolveDataDir(undefined, { AURA_DATA_DIR: '/x/env' })).toBe('/x/env');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/xdg' })).toBe('/xdg/Aura');
    expect(defaultDataDir('win32', { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' })).toMatch(/Local.Aura$/);
    expect(defaultDataDir('darwin', {})).toMatch(/Library\/Application Support\/Aura$/);
  });
});

describe('parseCheckpointLines', () => {
  const line = (key: string, hash: string) => JSON.stringify({ key, inputsHash: hash, outputs: [], at: 'now' });
  it('keeps the latest entry per key and skips torn or corrupt lines', () => {
    const text = `\n${line('a', '1')}\n\n${line('b', '1')}\nnot json\n${line('a', '2')}\n{"key":"c","inp`;
    const entries = parseCheckpointLines(text);
    expect([...entries.keys()]).toEqual(['a', 'b']);
    expect(entries.get('a')!.inputsHash).toBe('2');
  });
});
