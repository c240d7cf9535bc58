/** `aura render SPEC.json`: renders one spec in-process with a progress bar on stderr. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { RenderSpecSchema, type RenderSpec } from '../../src-shared/spec.js';
import { DataDirLockedError } from '../engine/data-dir-lock.js';
import { resolveDataDir } from '../engine/data-dir.js';
import type { EngineApi, EngineEvent } from '../engine/engine-api.js';
import { createEngine } from '../engine/engine.js';
import { checkSpecFiles } from '../pipeline/media-file-check.js';
import { artifactNames, createPipelineSteps } from '../pipeline/index.js';

/** Exit codes: 0 done, 1 the render failed, 2 bad usage or spec, 130 canceled by Ctrl-C, 143 by SIGTERM. */
export const EXIT = { ok: 0, failed: 1, usage: 2, canceled: 130, terminated: 143 } as const;

interface Issue {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  keys?: string[];
}

/** One plain sentence naming the first bad field of a spec. */
export function specProblemSentence(issue: Issue): string {
  const field = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    const names = issue.keys.map((k) => `"${field ? `${field}.` : ''}${k}"`).join(', ');
    return `The spec has an unknown field ${names}.`;
  }
  if (field === '') return 'The spec must be a JSON object.';
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `The spec is missing the field "${field}".`;
  }
  const why = issue.message.replace(/^Invalid input: /, '').replace(/^./, (c) => c.toLowerCase());
  return `The spec's field "${field}" is not valid: ${why}.`;
}

/** Reads and validates a spec file; a string is the one-sentence reason it cannot be used. */
export async function loadSpec(path: string): Promise<RenderSpec | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `${path} is not valid JSON (${(error as Error).message}).`;
  }
  const parsed = RenderSpecSchema.safeParse(json);
  return parsed.success ? parsed.data : specProblemSentence(parsed.error.issues[0] as Issue);
}

/** `m:ss` (or `h:mm:ss`) for an ETA; `--:--` when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  return h > 0 ? `${h}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}` : `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

/** The bar line: `[#####-----]  42%  Visuals  ETA 0:12`. */
export function progressLine(pct: number, stage: string | null, etaSeconds: number | null, width = 30): string {
  const clamped = Math.max(0, Math.min(100, pct));
  const filled = Math.round((clamped / 100) * width);
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
  return `[${bar}] ${String(Math.floor(clamped)).padStart(3)}%  ${(stage ?? 'Queued').padEnd(9)}  ETA ${formatEta(etaSeconds)}`;
}

/** Draws progress on stderr: redrawn in place on a terminal, a line per stage or 10 % otherwise. */
function progressWriter(stream: NodeJS.WriteStream) {
  let lastPrinted = { stage: '', decile: -1 };
  let visible = false;
  return {
    update(pct: number, stage: string | null, eta: number | null) {
      const line = progressLine(pct, stage, eta);
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`);
        visible = true;
      } else if (stage !== lastPrinted.stage || Math.floor(pct / 10) !== lastPrinted.decile) {
        lastPrinted = { stage: stage ?? '', decile: Math.floor(pct / 10) };
        stream.write(line + '\n');
      }
    },
    /** Ends the redrawn line so messages start on their own line. */
    clear() {
      if (visible) stream.write('\n');
      visible = false;
    },
  };
}

/** Renders one spec; resolves to the exit code. Ctrl-C cancels the job (exit 130). */
export async function runRender(argv: string[]): Promise<number> {
  let specPath: string | undefined;
  let dataDirFlag: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new Error('give exactly one spec file: aura render SPEC.json [--data-dir DIR]');
    specPath = positionals[0];
    dataDirFlag = values['data-dir'];
  } catch (error) {
    console.error(`aura render: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const spec = await loadSpec(specPath!);
  if (typeof spec === 'string') {
    console.error(`aura render: ${spec}`);
    return EXIT.usage;
  }

  let engine: EngineApi;
  try {
    engine = await createEngine({
      dataDir: resolveDataDir(dataDirFlag),
      steps: createPipelineSteps,
      checkSpec: checkSpecFiles,
      runQueuedJobs: false,
    });
  } catch (error) {
    console.error(`aura render: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof DataDirLockedError) {
      console.error('  - Aura Studio or `aura serve` is using this data folder: render there, or pass --data-dir DIR.');
    }
    return EXIT.failed;
  }
  for (const warning of engine.warnings()) console.error(`aura render: warning: ${warning.message}`);
  try {
    return await renderOne(engine, spec);
  } finally {
    await engine.close();
  }
}

async function renderOne(engine: EngineApi, spec: RenderSpec): Promise<number> {
  const bar = progressWriter(process.stderr);
  let jobId: string | undefined;
  const early: EngineEvent[] = [];
  let finish!: (event: EngineEvent) => void;
  const ended = new Promise<EngineEvent>((resolve) => (finish = resolve));
  const onEvent = (event: EngineEvent) => {
    if (jobId === undefined) return void early.push(event);
    if (event.jobId !== jobId) return;
    if (event.type === 'step-progress') bar.update(event.data.jobProgressPct, event.data.stage, event.data.etaSeconds);
    else if (event.type === 'job-status') bar.update(event.data.progressPct, event.data.stage, null);
    else if (event.type === 'warning') {
      bar.clear();
      console.error(`Warning: ${event.data.message}`);
    } else if (event.type === 'job-completed' || event.type === 'job-failed' || event.type === 'job-canceled') {
      finish(event);
    }
  };
  const unsubscribe = engine.subscribe(onEvent);
  // SIGINT (Ctrl-C) and SIGTERM cancel the job cleanly; a second signal exits at once.
  let signalled: NodeJS.Signals | undefined;
  const cancelJob = () => {
    if (jobId !== undefined) engine.cancel(jobId).catch(() => undefined);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(exitCodeFor(signal));
    signalled = signal;
    bar.clear();
    console.error('Canceling...');
    cancelJob();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    jobId = (await engine.create(spec)).jobId;
    if (signalled) cancelJob();
    bar.update(0, null, null);
    for (const event of early.splice(0)) onEvent(event);
    const end = await ended;
    bar.clear();
    if (end.type === 'job-completed') {
      const path = end.data.outputPath ?? engine.artifactPath(jobId, artifactNames(spec.title).video);
      console.log(path);
      return EXIT.ok;
    }
    if (end.type === 'job-failed') {
      console.error(`aura render: ${end.data.error.message}`);
      for (const action of end.data.error.suggestedActions) console.error(`  - ${action}`);
      return EXIT.failed;
    }
    console.error('aura render: canceled.');
    return exitCodeFor(signalled ?? 'SIGINT');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    unsubscribe();
  }
}

/** The shell convention: 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM). */
function exitCodeFor(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? EXIT.terminated : EXIT.canceled;
}
