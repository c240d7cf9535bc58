import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }>; headers?: Record<string, unknown> }>;
}

/** What the harness saw of one response. */
export interface SeenResponse {
  method: string;
  /** Path and query, as sent. */
  url: string;
  status: number;
  /** Header lookup, lower-case names. */
  header(name: string): string | undefined;
  /** The body text; undefined when it was not read (a stream, a file). */
  body: string | undefined;
}

const DOC_ID = 'openapi.json';
const JSON_TYPES = new Set(['application/json', 'application/problem+json']);

/** `#/components/schemas/X` inside a response schema, made absolute so it resolves against the whole document. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? `${DOC_ID}${inner}` : absoluteRefs(inner),
    ]),
  );
}

/**
 * Checks every response a test receives against the served OpenAPI document: the path and
 * method are documented (or the answer is the 404/405 the server promises), the status is
 * documented for that operation, the media type matches and a JSON body validates with ajv.
 * So the document and the server cannot drift apart unnoticed.
 */
export class OpenApiResponseValidator {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  readonly #paths: Array<{ template: string; regex: RegExp; item: Record<string, Operation> }>;
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #problem: ValidateFunction;
  /** How many responses were checked (a suite that checked none has not tested the document). */
  checked = 0;
  /** Every drift found, kept even when a caller (EventSource retrying) swallowed the throw. */
  readonly failures: string[] = [];

  constructor(document: Json) {
    this.#ajv.addSchema(document, DOC_ID);
    this.#problem = this.#ajv.compile({ $ref: `${DOC_ID}#/components/schemas/Problem` });
    const paths = document.paths as Record<string, Record<string, Operation>>;
    this.#paths = Object.entries(paths)
      .map(([template, item]) => ({
        template,
        item,
        regex: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      }))
      // Literal paths before templated ones: /api/queue/pause before a hypothetical /api/queue/{x}.
      .sort((a, b) => Number(a.template.includes('{')) - Number(b.template.includes('{')));
  }

  /** Throws an Error naming the drift when the response is not what the document says. */
  check(seen: SeenResponse): void {
    try {
      this.#check(seen);
    } catch (error) {
      this.failures.push((error as Error).message);
      throw error;
    }
  }

  #check(seen: SeenResponse): void {
    const path = seen.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') && path !== '/api') return;
    this.checked += 1;
    const where = `${seen.method} ${seen.url} → ${seen.status}`;
    const entry = this.#paths.find((p) => p.regex.test(safeDecode(path)) || p.regex.test(path));
    const method = seen.method === 'HEAD' ? 'get' : seen.method.toLowerCase();
    const operation = entry?.item[method];
    if (!entry || !operation) {
      // Off the document: only the server's generic refusals may answer.
      const allowed = entry ? [401, 403, 405] : [400, 401, 403, 404];
      if (!allowed.includes(seen.status)) throw new Error(`${where}: not in the document and not a refusal`);
      if (seen.status === 405) this.#checkAllow(where, seen, entry!.item);
      this.#checkProblem(where, seen);
      return;
    }
    const answer = operation.responses[String(seen.status)];
    if (!answer) throw new Error(`${where}: status ${seen.status} is not documented for ${entry.template}`);
    for (const name of Object.keys(answer.headers ?? {})) {
      if (seen.header(name.toLowerCase()) === undefined) throw new Error(`${where}: documented header ${name} missing`);
    }
    const contentType = (seen.header('content-type') ?? '').split(';')[0]!.trim();
    const media = answer.content;
    if (!media) {
      if (seen.body !== undefined && seen.body !== '') throw new Error(`${where}: a body where the document has none`);
      return;
    }
    const key = media[contentType] ? contentType : media['*/*'] ? '*/*' : undefined;
    if (key === undefined) throw new Error(`${where}: media type "${contentType}" is not documented`);
    if (!JSON_TYPES.has(contentType) || seen.method === 'HEAD' || seen.body === undefined) return;
    const validate = this.#validatorFor(entry.template, method, seen.status, key, media[key]?.schema);
    this.#validate(where, validate, seen.body);
  }

  #validatorFor(template: string, method: string, status: number, key: string, schema: Json | undefined) {
    const cacheKey = `${method} ${template} ${status} ${key}`;
    let validate = this.#compiled.get(cacheKey);
    if (!validate) {
      validate = this.#ajv.compile((absoluteRefs(schema ?? {}) as Json) ?? {});
      this.#compiled.set(cacheKey, validate);
    }
    return validate;
  }

  #validate(where: string, validate: ValidateFunction, body: string): void {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      throw new Error(`${where}: the body is not JSON: ${body.slice(0, 200)}`);
    }
    if (!validate(value)) {
      throw new Error(`${where}: body does not match the document: ${this.#ajv.errorsText(validate.errors)}`);
    }
  }

  #checkProblem(where: string, seen: SeenResponse): void {
    if (seen.method === 'HEAD' || seen.body === undefined) return;
    this.#validate(where, this.#problem, seen.body);
  }

  #checkAllow(where: string, seen: SeenResponse, item: Record<string, Operation>): void {
    const allow = (seen.header('allow') ?? '').split(',').map((m) => m.trim().toLowerCase());
    for (const method of Object.keys(item)) {
      if (!allow.includes(method)) throw new Error(`${where}: Allow "${seen.header('allow')}" lacks ${method}`);
    }
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
