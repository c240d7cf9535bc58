import { describe, expect, it } from 'vitest';
import {
  outputFilesOf,
  parseProcStat,
  programNameOf,
  parsePsLine,
  stateOfCode,
} from '../../src-main/engine/process-probe.js';
import { decideDiagnosis, type ChildFacts, type StallFacts } from '../../src-main/engine/stall-diagnosis.js';

const GB = 1024 ** 3;
const facts = (over: Partial<StallFacts> = {}): StallFacts => ({
  status: 'running',
  step: 'visuals',
  stage: 'Visuals',
  silentSeconds: 40,
  warningSeconds: 30,
  children: [],
  disk: { freeBytes: 50 * GB, totalBytes: 100 * GB },
  load: { load1: 0.5, cores: 4 },
  lastLines: [],
  error: null,
  ...over,
});
const ffmpeg = (over: Partial<ChildFacts> = {}): ChildFacts => ({
  pid: 4242,
  name: 'ffmpeg',
  state: 'sleeping',
  cpuPercent: 0,
  outputFile: '/t/scene-001.mp4',
  outputGrowthBytes: 0,
  ...over,
});

describe('decideDiagnosis', () => {
  it.each<[string, Partial<StallFacts>, string, RegExp, string[]]>([
    [
      'a stopped ffmpeg',
      { children: [ffmpeg({ state: 'stopped' })] },
      'stalled',
      /^ffmpeg is alive but stopped \(not using any CPU; no progress for 40 s\): it was suspended by another program; resume it or cancel\.$/,
      ['PROCESS_STOPPED', 'NO_CPU', 'NO_OUTPUT'],
    ],
    [
      'a stopped ffmpeg wins over a full disk',
      { children: [ffmpeg({ state: 'stopped' })], disk: { freeBytes: 0, totalBytes: 4e6 } },
      'stalled',
      /stopped/,
      ['PROCESS_STOPPED', 'DISK_FULL'],
    ],
    [
      'a zombie',
      { children: [ffmpeg({ state: 'zombie', cpuPercent: null, outputFile: null })] },
      'stalled',
      /zombie/,
      ['PROCESS_ZOMBIE'],
    ],
    [
      'a child stuck in uninterruptible disk I/O',
      { children: [ffmpeg({ state: 'disk-wait' })] },
      'stalled',
      /^ffmpeg is waiting for the disk \(no progress for 40 s\): the drive or network share/,
      ['PROCESS_DISK_WAIT'],
    ],
    [
      'a full disk',
      { children: [ffmpeg()], disk: { freeBytes: 0, totalBytes: 4 * 1024 * 1024 } },
      'stalled',
      /^The disk holding the data folder is full \(0 B free\), so the visuals step cannot write its output\.$/,
      ['DISK_FULL'],
    ],
    [
      'a full disk before the warning time',
      { silentSeconds: 3, disk: { freeBytes: 1000, totalBytes: 4e6 } },
      'at-risk',
      /full/,
      ['PROGRESSING', 'DISK_FULL'],
    ],
    [
      'a spinning ffmpeg that writes nothing',
      { children: [ffmpeg({ state: 'running', cpuPercent: 99.6 })] },
      'stalled',
      /^ffmpeg is using 100 % CPU but writing nothing \(no progress for 40 s\)/,
      ['CPU_BUSY', 'NO_OUTPUT'],
    ],
    [
      'a spinning ffmpeg on an overloaded machine (it gets only its share of the cores)',
      { children: [ffmpeg({ state: 'running', cpuPercent: 8 })], load: { load1: 18, cores: 2 } },
      'stalled',
      /^ffmpeg is using 8 % CPU but writing nothing/,
      ['CPU_BUSY', 'MACHINE_OVERLOADED'],
    ],
    [
      'a slow ffmpeg that still writes',
      { children: [ffmpeg({ state: 'running', cpuPercent: 90, outputGrowthBytes: 8192 })] },
      'healthy',
      /still writing its output/,
      ['OUTPUT_GROWING'],
    ],
    [
      'an overloaded machine',
      { children: [ffmpeg({ cpuPercent: 3 })], load: { load1: 17.2, cores: 4 } },
      'stalled',
      /^The machine is overloaded \(load 17\.2 on 4 cores\)/,
      ['MACHINE_OVERLOADED'],
    ],
    [
      'an idle child',
      { children: [ffmpeg()] },
      'stalled',
      /^ffmpeg is alive but idle \(no CPU, no output, no progress for 40 s\)/,
      ['PROCESS_WAITING', 'NO_CPU'],
    ],
    [
      'a silent step with no child',
      { step: 'work', lastLines: ['waiting for something'] },
      'stalled',
      /^The work step has shown no progress for 40 s and runs no program/,
      ['NO_CHILD_PROCESS', 'LAST_OUTPUT'],
    ],
    [
      'a working step',
      { silentSeconds: 2, children: [ffmpeg({ state: 'running', cpuPercent: 180, outputGrowthBytes: 1 })] },
      'healthy',
      /^The visuals step is working \(ffmpeg uses 180 % CPU\)\.$/,
      ['PROGRESSING', 'CPU_BUSY'],
    ],
    ['a pending job', { status: 'pending' }, 'waiting', /waiting in the queue/, []],
    ['a paused job', { status: 'paused' }, 'waiting', /paused/, []],
    ['a completed job', { status: 'completed' }, 'ended', /completed; nothing is wrong/, []],
    [
      'a failed job',
      { status: 'failed', error: { code: 'DISK_FULL', message: 'No space.', suggestedActions: ['Free space.'] } },
      'failed',
      /^This job failed: No space\.$/,
      [],
    ],
  ])('%s', (_, over, state, summary, codes) => {
    const verdict = decideDiagnosis(facts(over));
    expect(verdict.state).toBe(state);
    expect(verdict.summary).toMatch(summary);
    const found = verdict.findings.map((f) => f.code);
    for (const code of codes) expect(found).toContain(code);
    if (state === 'stalled') expect(verdict.suggestedActions.length).toBeGreaterThan(0);
  });

  it('says how to resume a stopped process by its pid', () => {
    const verdict = decideDiagnosis(facts({ children: [ffmpeg({ state: 'stopped' })] }));
    expect(verdict.suggestedActions[0]).toContain('kill -CONT 4242');
  });

  it('passes a failed job its own suggested actions', () => {
    const error = { code: 'X', message: 'Broke.', suggestedActions: ['Do this.'] };
    expect(decideDiagnosis(facts({ status: 'failed', error })).suggestedActions).toEqual(['Do this.']);
  });
});

describe('process probe parsing', () => {
  it.each([
    ['1234 (ffmpeg) T 1000 1234 1234 0 -1 4194304 500 0 0 0 250 50 0 0 30 10 1 0', 'stopped', 1000, 3],
    ['99 (my (odd) name) R 1 99 99 0 -1 0 0 0 0 0 1234 66 0 0 20 0 1 0', 'running', 1, 13],
    ['7 (sh) Z 6 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0', 'zombie', 6, 0],
  ])('reads /proc stat %#', (line, state, ppid, cpu) => {
    expect(parseProcStat(line)).toEqual({ state, ppid, cpuSeconds: cpu });
  });

  it('refuses a stat line without its fields', () => {
    expect(parseProcStat('garbage')).toBeNull();
    expect(parseProcStat('1 (x) S 1')).toBeNull();
  });

  it.each([
    ['T      1   0:03.50', 'stopped', 1, 3.5],
    ['S+  812 01:02:03', 'sleeping', 812, 3723],
    ['R 1 2-01:00:00', 'running', 1, 176_400],
    ['Ss 5 0:00,25', 'sleeping', 5, 0.25],
  ])('reads ps output %j', (line, state, ppid, cpu) => {
    expect(parsePsLine(line)).toEqual({ state, ppid, cpuSeconds: cpu });
  });

  it.each([
    ['D', 'disk-wait'],
    ['I', 'sleeping'],
    ['t', 'stopped'],
    ['X', 'zombie'],
  ])('state %s is %s', (code, state) => {
    expect(stateOfCode(code)).toBe(state);
  });

  it.each<[string[], string]>([
    [['/usr/bin/nice', '-n', '10', '/opt/ffmpeg/ffmpeg', '-i', 'x'], 'ffmpeg'],
    [['nice', '-10', 'espeak-ng', '-w', '/t/a.wav'], 'espeak-ng'],
    [['C:\\ffmpeg\\ffmpeg.exe', '-i', 'x'], 'ffmpeg.exe'],
    [['sh', '-c', 'x'], 'sh'],
    [[], 'process 7'],
  ])('%j runs %s', (args, name) => {
    expect(programNameOf(args, 7)).toBe(name);
  });

  it.each<[string[], string[]]>([
    [['ffmpeg', '-y', '-i', '/t/j/in.wav', '/t/j/scene-001.mp4'], ['/t/j/scene-001.mp4']],
    [
      [
        'ffmpeg',
        '-i',
        '/t/x.wav',
        '-filter_complex',
        'movie=/t/a.png[v]',
        '-f',
        'mp4',
        '/t/c.mp4',
        '-f',
        'image2',
        '/p/th.jpg',
        '-progress',
        'pipe:1',
        '-nostats',
      ],
      ['/t/c.mp4', '/p/th.jpg'],
    ],
    [['ffmpeg', '-i', 'x', '-progress', 'pipe:1', 'C:\\t\\out.mp4'], ['C:\\t\\out.mp4']],
    [['ffmpeg', '-f', 'lavfi', '-i', 'testsrc', '-f', 'null', '-'], []],
    [['ffmpeg', '-i', 'x', 'pipe:1'], []],
    [['sh', '-c', 'while :; do :; done', 'spin', '/t/j/spin.out'], ['/t/j/spin.out']],
  ])('the outputs of %j are %j', (args, outputs) => {
    expect(outputFilesOf(args)).toEqual(outputs);
  });
});
