import { request as httpRequest } from 'node:http';
import { EventSource } from 'eventsource';
import { EVENT_TYPES, type EventType } from '../../src-shared/events.js';
import { startHost, type Host, type HostOptions } from '../../src-main/host.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { OpenApiResponseValidator } from './openapi-validator.js';

/** The served document's validator of each running test host, by port (rawRequest only knows the port). */
const validators = new Map<number, OpenApiResponseValidator>();

/** Bodies worth reading to validate: JSON and problems. Streams and files are checked by status and type only. */
const isJson = (contentType: string | null | undefined) => /^application\/(problem\+)?json/.test(contentType ?? '');

/** Checks a fetch Response against the document of the host on `port` (reads a clone, the caller keeps the body). */
export async function checkResponse(port: number, method: string, url: string, res: Response): Promise<Response> {
  const validator = validators.get(port);
  if (!validator) return res;
  const body = isJson(res.headers.get('content-type')) ? await res.clone().text() : undefined;
  validator.check({
    method,
    url,
    status: res.status,
    header: (name) => res.headers.get(name) ?? undefined,
    body: res.status === 204 || res.status === 304 ? '' : body,
  });
  return res;
}

/** A host on a random port in a temp data dir, with authenticated fetch helpers. */
export interface TestHost {
  host: Host;
  dataDir: string;
  /** fetch with the token; `path` starts with `/`. Every answer is checked against the served OpenAPI document. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** fetch without the token, checked against the document the same way. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The document's checker: `checked` counts the responses it saw. */
  validator: OpenApiResponseValidator;
  /** JSON body of an authenticated call that must answer `status`. */
  json<T>(path: string, init?: RequestInit & { expect?: number }): Promise<T>;
  /** Closes the host and removes the data dir. */
  cleanup(): Promise<void>;
}

/** Starts a host for a test (pass `dataDir` to reopen an existing one; then it is not removed). */
export async function startTestHost(options: Partial<HostOptions> = {}): Promise<TestHost> {
  const temp = options.dataDir ? undefined : makeTempDir('aura-server-');
  const dataDir = options.dataDir ?? temp!.dir;
  const host = await startHost({ rendererDir: '/nonexistent', ...options, dataDir });
  const checked = async (path: string, init: RequestInit = {}) =>
    checkResponse(host.port, init.method ?? 'GET', path, await fetch(`${host.url}${path}`, init));
  const api = (path: string, init: RequestInit = {}) =>
    checked(path, {
      ...init,
      headers: { authorization: `Bearer ${host.token}`, ...(init.headers as Record<string, string> | undefined) },
    });
  const documentRes = await fetch(`${host.url}/api/openapi.json`, {
    headers: { authorization: `Bearer ${host.token}` },
  });
  const validator = new OpenApiResponseValidator((await documentRes.json()) as Record<string, unknown>);
  validators.set(host.port, validator);
  let closed = false;
  return {
    host,
    dataDir,
    api,
    fetch: checked,
    validator,
    async json<T>(path: string, init: RequestInit & { expect?: number } = {}) {
      const res = await api(path, init);
      const text = await res.text();
      if (res.status !== (init.expect ?? 200)) throw new Error(`${path}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    },
    async cleanup() {
      if (closed) return;
      closed = true;
      validators.delete(host.port);
      await host.close();
      temp?.cleanup();
      if (validator.failures.length > 0) {
        throw new Error(`responses that do not match the OpenAPI document:\n${validator.failures.join('\n')}`);
      }
    },
  };
}

/** POST /api/render with a JSON body. */
export function postJson(t: TestHost, path: string, body: unknown, method = 'POST'): Promise<Response> {
  return t.api(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** One received SSE message. */
export interface Received {
  id: string;
  type: EventType;
  data: Record<string, unknown>;
}

/** An EventSource that records every typed event, with waits on what it has seen. */
export class SseRecorder {
  readonly source: EventSource;
  readonly events: Received[] = [];
  #waiters = new Set<() => void>();
  errors = 0;

  constructor(url: string, init: { lastEventId?: string } = {}) {
    this.source = new EventSource(url, {
      // Only for the very first request: EventSource sends its own Last-Event-ID on reconnects.
      fetch: async (input, requestInit) => {
        const headers = new Headers(requestInit?.headers);
        if (init.lastEventId !== undefined && !headers.has('last-event-id'))
          headers.set('last-event-id', init.lastEventId);
        const target = new URL(typeof input === 'string' ? input : input.toString());
        const res = await fetch(input, { ...requestInit, headers });
        // The stream's answer (200 event-stream, 204, a refusal) is held to the document too.
        return checkResponse(Number(target.port), 'GET', `${target.pathname}${target.search}`, res);
      },
    });
    for (const type of EVENT_TYPES) {
      this.source.addEventListener(type, (event: MessageEvent) => {
        this.events.push({
          id: event.lastEventId,
          type,
          data: JSON.parse(event.data as string) as Record<string, unknown>,
        });
        this.#notify();
      });
    }
    this.source.addEventListener('error', () => {
      this.errors += 1;
      this.#notify();
    });
  }

  /** Resolves when `condition` holds over what was received (checked at once and after each event). */
  async waitFor(condition: (events: Received[]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition(this.events)) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!condition(this.events)) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`timed out waiting for ${what}; got ${this.events.map((e) => `${e.id}:${e.type}`).join(', ')}`),
        );
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }

  /** Resolves when the source has given up (readyState CLOSED) or `timeoutMs` passes (rejects). */
  async waitClosed(timeoutMs = 10_000): Promise<void> {
    await this.waitFor(() => this.source.readyState === EventSource.CLOSED, 'EventSource closed', timeoutMs);
  }

  close(): void {
    this.source.close();
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

/** Raw HTTP GET/whatever with full control of headers (fetch will not let a test forge Host). */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        setHost: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          const answer = { status: res.statusCode ?? 0, headers: res.headers, body };
          try {
            validators.get(port)?.check({
              method: options.method ?? 'GET',
              url: options.path,
              status: answer.status,
              header: (name) => [res.headers[name]].flat()[0],
              body: isJson(res.headers['content-type']) || answer.status === 204 ? body : undefined,
            });
          } catch (error) {
            reject(error as Error);
            return;
          }
          resolve(answer);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A job's frames compared by id and type: what replay equality is about. */
export const idsAndTypes = (events: ReadonlyArray<{ id: string; type: string }>) =>
  events.map((e) => `${e.id} ${e.type}`);
