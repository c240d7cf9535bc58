import { z } from 'zod';
import type { FieldError } from './problem.js';

/** The WHATWG URL parser (global in Node and browsers; src-shared compiles without DOM or Node types). */
interface UrlParts {
  href: string;
  protocol: string;
  hostname: string;
  pathname: string;
  search: string;
  hash: string;
  password: string;
}
declare const URL: new (input: string) => UrlParts;

/** What a saved farm password is shown as, on the wire and on screen; sending it back keeps the saved one. */
export const MASKED_PASSWORD = '***';

/**
 * The farm URL with any password replaced by `***`, safe to show and to send to a page
 * (`redis://:***@studio-redis:6379/0`). A text that does not parse loses everything between the
 * scheme and the last `@`, so a typo never puts a secret on screen.
 */
export function maskRedisUrl(text: string): string {
  let url: UrlParts;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/^([a-z]+:\/\/)[^/]*@/i, `$1${MASKED_PASSWORD}@`);
  }
  if (!url.password) return text;
  url.password = MASKED_PASSWORD;
  return url.href;
}

/**
 * Why a farm URL cannot be used, in one sentence, or null when it can: `redis://` or `rediss://`
 * (TLS), a host, an optional port and an optional database number (`/0`).
 */
export function redisUrlProblem(text: string): string | null {
  let url: UrlParts;
  try {
    url = new URL(text.trim());
  } catch {
    return 'Type a URL such as redis://:password@studio-redis:6379.';
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    return 'The URL must start with redis:// or rediss:// (TLS).';
  if (!url.hostname) return 'The URL needs the Redis machine’s name or address, as in redis://studio-redis:6379.';
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) return `The database must be a number such as /0, not “/${db}”.`;
  if (url.search || url.hash) return 'The URL takes no ?options or #fragment.';
  return null;
}

/**
 * A URL sent back with the masked password, taken as the saved URL with its password kept; only
 * when everything else is unchanged, so a masked password is never sent to another address.
 * Returns `next` itself when it carries no masked password, and null when it does but the
 * address changed (the password must then be typed again).
 */
export function unmaskRedisUrl(next: string, saved: string | null): string | null {
  let url: UrlParts;
  try {
    url = new URL(next);
  } catch {
    return next;
  }
  if (url.password !== MASKED_PASSWORD) return next;
  if (!saved) return next; // nothing saved to keep: `***` is then the password itself
  let old: UrlParts;
  try {
    old = new URL(saved);
  } catch {
    return null;
  }
  if (!old.password) return next;
  url.password = old.password;
  return url.href === old.href ? saved : null;
}

/** The two farm settings, as the Machine view's form and PUT /api/settings hold them. */
export interface FarmPair {
  farmRedisUrl: string | null;
  farmSharedDir: string | null;
}

/** Problems with the pair as a whole: both set (join a farm) or both null (this machine alone). */
export function farmPairProblems(pair: FarmPair): FieldError[] {
  const errors: FieldError[] = [];
  if (pair.farmRedisUrl !== null) {
    const problem = redisUrlProblem(pair.farmRedisUrl);
    if (problem) errors.push({ path: 'farmRedisUrl', message: problem });
  }
  if (pair.farmRedisUrl !== null && pair.farmSharedDir === null)
    errors.push({
      path: 'farmSharedDir',
      message: 'A farm needs its shared folder too: the folder every machine mounts.',
    });
  if (pair.farmRedisUrl === null && pair.farmSharedDir !== null)
    errors.push({ path: 'farmRedisUrl', message: 'A shared folder needs the farm’s Redis URL too.' });
  return errors;
}

/** GET /api/farm: the farm this engine runs on now (null: this machine alone), whatever the settings say for the next start. */
export const FarmStatusSchema = z.object({
  farm: z
    .object({
      /** The Redis URL with its password masked. */
      url: z.string(),
      sharedDir: z.string(),
      /** Whether this process renders farm jobs too (`aura serve --no-render` does not). */
      renders: z.boolean(),
      /** False while the farm's Redis cannot be reached (the API then answers 503 FARM_UNAVAILABLE). */
      reachable: z.boolean(),
    })
    .nullable(),
});
export type FarmStatus = z.infer<typeof FarmStatusSchema>;
