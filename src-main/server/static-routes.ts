import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Shown at `/` when the renderer has not been built (`npm run build:renderer`). */
export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aura Studio</title></head>
<body><h1>Aura Studio</h1><p>The server is running, but the user interface has not been built.
Run <code>npm run build:renderer</code>, then reload.</p></body></html>
`;

/** True when `dir` holds a built renderer. */
export function hasRenderer(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(join(dir, 'index.html'));
}

/**
 * Serves the built renderer at `/` without a token (it holds no data), or a placeholder page.
 * Returns the handler for paths nothing else matched: the page itself for browser navigations
 * (client-side routes), undefined otherwise.
 */
export async function registerStaticRoutes(
  app: FastifyInstance,
  rendererDir: string | undefined,
): Promise<(request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined> {
  if (hasRenderer(rendererDir)) {
    await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: ['index.html'], dotfiles: 'deny' });
    return (request, reply) => (wantsPage(request) ? reply.sendFile('index.html') : undefined);
  }
  const placeholder = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(PLACEHOLDER_HTML);
  app.get('/', placeholder);
  app.get('/index.html', placeholder);
  return (request, reply) => (wantsPage(request) ? placeholder(request, reply) : undefined);
}

function wantsPage(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' && !request.url.startsWith('/api') && (request.headers.accept ?? '').includes('text/html')
  );
}
