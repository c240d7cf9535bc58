import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEta, progressLine, runRender, specProblemSentence } from '../../src-main/cli/render-command.js';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import { processesMentioning, probeMedia, startPipelineEngine, tinySpec } from '../pipeline/helpers/pipeline-engine.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const AURA = join(import.meta.dirname, '..', '..', 'src-main', 'cli', 'aura.ts');

let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => temp?.cleanup());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `aura render` as a user would; `onStderr` may send it a signal. */
function aura(args: string[], onStderr?: (all: string, child: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', AURA, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStderr?.(stderr, child);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Collects what runRender prints with console.error (its user-facing messages). */
function captureStderr() {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  return { lines, restore: () => spy.mockRestore() };
}

function writeSpec(dir: string, spec: unknown): string {
  const path = join(dir, 'spec.json');
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

describe('aura render', () => {
  it('renders, shows progress on stderr and prints the output path on stdout', async () => {
    temp = makeTempDir('aura-cli-');
    const data = join(temp.dir, 'data');
    const run = await aura(['render', writeSpec(temp.dir, tinySpec(2)), '--data-dir', data]);
    expect(run.code).toBe(0);
    const path = run.stdout.trim();
    expect(path).toMatch(/tiny\.mp4$/);
    expect(path.startsWith(data)).toBe(true);
    expect((await probeMedia(path)).durationSec).toBeCloseTo(2, 0);
    expect(run.stderr).toMatch(/100%\s+Render/);
    expect(run.stderr).toContain('Visuals');
  });

  it('a bad spec: one sentence naming the field, exit 2, nothing created', async () => {
    temp = makeTempDir('aura-cli-');
    const data = join(temp.dir, 'data');
    const errors = captureStderr();
    try {
      const spec = writeSpec(temp.dir, { title: 'x', script: 'y', output: { width: 161 } });
      expect(await runRender([spec, '--data-dir', data])).toBe(2);
      expect(errors.lines).toEqual(['aura render: The spec\'s field "output.width" is not valid: must be even.']);
      expect(await runRender([join(temp.dir, 'missing.json'), '--data-dir', data])).toBe(2);
      writeFileSync(join(temp.dir, 'broken.json'), '{"title":');
      expect(await runRender([join(temp.dir, 'broken.json'), '--data-dir', data])).toBe(2);
      expect(errors.lines[2]).toMatch(/broken\.json is not valid JSON/);
    } finally {
      errors.restore();
    }
    expect(existsSync(data)).toBe(false);
  });

  it('a data folder another engine holds: exit 1 with the lock message and a hint', async () => {
    temp = makeTempDir('aura-cli-');
    const data = join(temp.dir, 'data');
    const holder = await startPipelineEngine(data);
    const errors = captureStderr();
    try {
      expect(await runRender([writeSpec(temp.dir, tinySpec(1)), '--data-dir', data])).toBe(1);
      expect(errors.lines[0]).toMatch(/^aura render: .*data folder/);
      expect(errors.lines[1]).toContain('--data-dir');
    } finally {
      errors.restore();
      await holder.close();
    }
  });

  it('usage errors exit 2', async () => {
    const errors = captureStderr();
    try {
      expect(await runRender([])).toBe(2);
      expect(await runRender(['a.json', '--bogus'])).toBe(2);
      expect(errors.lines.every((l) => l.startsWith('aura render: '))).toBe(true);
    } finally {
      errors.restore();
    }
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s cancels cleanly: exit %s, no temp or proxy left, no ffmpeg left', async (signal, code) => {
    temp = makeTempDir('aura-cli-');
    const data = join(temp.dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ schemaVersion: 1, maxParallelScenes: 1 }));
    let sent = false;
    const run = await aura(['render', writeSpec(temp.dir, tinySpec(12)), '--data-dir', data], (all, child) => {
      if (!sent && all.includes('Visuals')) {
        sent = true;
        child.kill(signal);
      }
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('canceled');
    expect(readdirSync(join(data, 'temp'))).toEqual([]);
    expect(readdirSync(join(data, 'proxy'))).toEqual([]);
    expect(processesMentioning(join(data, 'temp'))).toEqual([]);
  });
});

describe('specProblemSentence', () => {
  const first = (input: unknown) => {
    const result = RenderSpecSchema.safeParse(input);
    if (result.success) throw new Error('expected a bad spec');
    return specProblemSentence(result.error.issues[0]!);
  };
  it.each([
    [{}, 'The spec is missing the field "title".'],
    [{ title: 'x', script: 'a', foo: 1 }, 'The spec has an unknown field "foo".'],
    [
      { title: 'x', scenes: [{ durationSec: 1000 }] },
      'The spec\'s field "scenes.0.durationSec" is not valid: too big: expected number to be <=600.',
    ],
    [
      { title: 'x', script: 'a', voice: { engine: 'x' } },
      'The spec\'s field "voice.engine" is not valid: invalid option: expected one of "auto"|"espeak"|"none".',
    ],
    [{ title: 'x', script: 'a', output: { fps: 30, extra: true } }, 'The spec has an unknown field "output.extra".'],
    [[], 'The spec must be a JSON object.'],
  ])('%j', (input, sentence) => {
    expect(first(input)).toBe(sentence);
  });
});

describe('progress bar text', () => {
  it.each([
    [null, '--:--'],
    [-1, '--:--'],
    [0, '0:00'],
    [65.4, '1:05'],
    [3725, '1:02:05'],
  ])('formatEta(%s)', (sec, text) => {
    expect(formatEta(sec)).toBe(text);
  });
  it('draws percent, stage and ETA', () => {
    expect(progressLine(42, 'Visuals', 12, 10)).toBe('[####------]  42%  Visuals    ETA 0:12');
    expect(progressLine(150, null, null, 4)).toBe('[####] 100%  Queued     ETA --:--');
  });
});
