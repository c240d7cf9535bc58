import path from 'node:path';
import { farmPairProblems, maskRedisUrl, unmaskRedisUrl } from '../../src-shared/farm.js';
import type { FieldError } from '../../src-shared/problem.js';
import type { Settings } from '../../src-shared/settings.js';
import { folderProblem } from '../engine/engine-api.js';
import { HttpProblem } from './problem.js';

/**
 * The farm settings over HTTP (`farmRedisUrl`, `farmSharedDir`: joined at the next start). The
 * schema alone lets a half-set pair or a URL without a host through, and the desktop app would
 * then refuse to start; so a PUT that touches either is checked as a pair, and the folder as this
 * machine sees it, before anything is saved. The Redis password never leaves the server: answers
 * carry it as `***`, and a URL sent back with `***` keeps the saved password, only for the same
 * address.
 */
export function checkFarmPatch(patch: Partial<Settings>, current: Settings): Partial<Settings> {
  if (!('farmRedisUrl' in patch) && !('farmSharedDir' in patch)) return patch;
  const errors: FieldError[] = [];
  const next = { ...patch };
  if (typeof patch.farmRedisUrl === 'string') {
    const url = unmaskRedisUrl(patch.farmRedisUrl.trim(), current.farmRedisUrl);
    if (url === null)
      errors.push({
        path: 'farmRedisUrl',
        message: 'The saved password is kept only for the same address: type the password for the new one.',
      });
    else next.farmRedisUrl = url;
  }
  const pair = {
    farmRedisUrl: next.farmRedisUrl !== undefined ? next.farmRedisUrl : current.farmRedisUrl,
    farmSharedDir: next.farmSharedDir !== undefined ? next.farmSharedDir : current.farmSharedDir,
  };
  for (const e of farmPairProblems(pair)) if (!errors.some((x) => x.path === e.path)) errors.push(e);
  if (typeof next.farmSharedDir === 'string' && !errors.some((e) => e.path === 'farmSharedDir')) {
    const problem = sharedDirProblem(next.farmSharedDir);
    if (problem) errors.push({ path: 'farmSharedDir', message: problem });
  }
  if (errors.length > 0) throw new HttpProblem('VALIDATION_FAILED', errors.map((e) => e.message).join(' '), errors);
  return next;
}

/** Settings as an HTTP answer: the farm's Redis password masked. */
export function settingsForHttp(settings: Settings): Settings {
  return settings.farmRedisUrl ? { ...settings, farmRedisUrl: maskRedisUrl(settings.farmRedisUrl) } : settings;
}

/** Why this machine cannot use the folder as a farm's shared folder, or null. */
function sharedDirProblem(dir: string): string | null {
  if (!path.isAbsolute(dir)) return 'Give the shared folder’s full path, as this machine mounts it.';
  const problem = folderProblem(dir);
  if (problem === 'missing')
    return 'This folder does not exist on this machine: mount the shared folder (or create it) first.';
  if (problem === 'not-a-folder') return 'This is a file, not a folder.';
  if (problem === 'not-writable') return 'This machine cannot write to this folder: check its mount and permissions.';
  return null;
}
