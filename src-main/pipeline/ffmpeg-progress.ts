/** What one `-progress` block says (fields ffmpeg could not tell yet stay undefined). */
export interface FfmpegProgress {
  /** Seconds of output written so far. */
  outTimeSec?: number;
  frame?: number;
  fps?: number;
  /** Encoding speed as a multiple of real time (`speed=2.5x`). */
  speed?: number;
  totalSizeBytes?: number;
  /** `progress=end`: the last block of the run. */
  done: boolean;
}

/**
 * Folds one `key=value` line of ffmpeg's `-progress` output into `current`. Returns the
 * completed block when the line is the block's closing `progress=continue|end`, else null.
 * Both `out_time_us` and (despite its name) `out_time_ms` are microseconds; `N/A` is unknown.
 */
export function applyProgressLine(current: FfmpegProgress, line: string): FfmpegProgress | null {
  const eq = line.indexOf('=');
  if (eq <= 0) return null;
  const key = line.slice(0, eq).trim();
  const value = line.slice(eq + 1).trim();
  switch (key) {
    case 'out_time_us':
    case 'out_time_ms': {
      const us = toNumber(value);
      if (us !== undefined && us >= 0) current.outTimeSec = us / 1_000_000;
      break;
    }
    case 'out_time': {
      const sec = parseClock(value);
      if (sec !== undefined && current.outTimeSec === undefined) current.outTimeSec = sec;
      break;
    }
    case 'frame':
      current.frame = toNumber(value);
      break;
    case 'fps':
      current.fps = toNumber(value);
      break;
    case 'speed':
      current.speed = toNumber(value.replace(/x$/, ''));
      break;
    case 'total_size':
      current.totalSizeBytes = toNumber(value);
      break;
    case 'progress': {
      const block = { ...current, done: value === 'end' };
      for (const k of Object.keys(current) as (keyof FfmpegProgress)[]) delete current[k];
      current.done = false;
      return block;
    }
  }
  return null;
}

/** Parses a whole captured `-progress` text into its blocks, in order. */
export function parseProgressText(text: string): FfmpegProgress[] {
  const blocks: FfmpegProgress[] = [];
  const current: FfmpegProgress = { done: false };
  for (const line of text.split(/\r?\n/)) {
    const block = applyProgressLine(current, line);
    if (block) blocks.push(block);
  }
  return blocks;
}

/** `HH:MM:SS.micro` (possibly negative at start-up) into seconds; undefined for N/A. */
export function parseClock(value: string): number | undefined {
  const m = /^(-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value);
  if (!m) return undefined;
  const sec = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] ? -sec : sec;
}

function toNumber(value: string): number | undefined {
  if (value === '' || value === 'N/A') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Splits a stream into lines across chunk boundaries; feed chunks, get whole lines. */
export function createLineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let rest = '';
  return (chunk) => {
    const parts = (rest + chunk).split(/\r?\n|\r/);
    rest = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  };
}
