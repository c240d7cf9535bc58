import os from 'node:os';
import path from 'node:path';

/** The OS app-data folder for Aura (DESIGN.md "Data on disk"). */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Aura');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Aura');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'Aura');
}

/** Data directory: the `--data-dir` flag, else AURA_DATA_DIR, else the OS default. Always absolute. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.AURA_DATA_DIR || defaultDataDir(process.platform, env);
  return path.resolve(chosen);
}

/** Every path of the data layout, in one place. */
/** The file beside job.json that holds what the job was created from. */
export const ORIGIN_FILE = 'spec.json';

export class DataLayout {
  constructor(readonly root: string) {}
  get settingsFile(): string {
    return path.join(this.root, 'settings.json');
  }
  get lockFile(): string {
    return path.join(this.root, 'engine.lock');
  }
  get jobsDir(): string {
    return path.join(this.root, 'jobs');
  }
  /** The file backend's write-ahead log (commit-log.ts). */
  get commitLogDir(): string {
    return path.join(this.root, 'commit-log');
  }
  get tempRoot(): string {
    return path.join(this.root, 'temp');
  }
  get proxyRoot(): string {
    return path.join(this.root, 'proxy');
  }
  jobDir(jobId: string): string {
    return path.join(this.jobsDir, jobId);
  }
  jobFile(jobId: string): string {
    return path.join(this.jobsDir, jobId, 'job.json');
  }
  /** What the job was created from (spec and steps): what a rebuild of a damaged job.json needs. */
  originFile(jobId: string): string {
    return path.join(this.jobsDir, jobId, ORIGIN_FILE);
  }
  eventsFile(jobId: string): string {
    return path.join(this.jobsDir, jobId, 'events.jsonl');
  }
  logFile(jobId: string): string {
    return path.join(this.jobsDir, jobId, 'job.log');
  }
  artifactsDir(jobId: string): string {
    return path.join(this.jobsDir, jobId, 'artifacts');
  }
  tempDir(jobId: string): string {
    return path.join(this.tempRoot, jobId);
  }
  proxyDir(jobId: string): string {
    return path.join(this.proxyRoot, jobId);
  }
}
