import type { RedisOptions } from 'ioredis';

/** A parsed `--farm` URL: how to connect, and how to print it without its password. */
export interface FarmUrl {
  options: RedisOptions;
  /** The URL with any password replaced by `***`: safe for ready lines and logs. */
  display: string;
}

/**
 * Parses `redis://[user:password@]HOST:PORT[/DB]` or `rediss://…` (TLS). Throws a plain Error
 * with one sentence for anything else, so the CLI can print it as it is.
 */
export function parseFarmUrl(text: string): FarmUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--farm must be a URL such as redis://HOST:6379, not "${text}".`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`--farm must start with redis:// or rediss:// (TLS), not "${url.protocol}//".`);
  if (!url.hostname) throw new Error('--farm needs a host, as in redis://HOST:6379.');
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,2}$/.test(dbText))
    throw new Error(`The database in --farm must be a number such as /0, not "/${dbText}".`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RedisOptions = { host, port, db: dbText === '' ? 0 : Number(dbText) };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') options.tls = { servername: host };
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return { options, display: shown.href.replace(/\/$/, '') };
}
