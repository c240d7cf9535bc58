import type { FastifyInstance } from 'fastify';
import { APP_VERSION } from '../../../src-shared/constants.js';
import { SettingsPatchSchema } from '../../../src-shared/settings.js';
import type { EngineApi } from '../../engine/engine-api.js';
import { buildOpenApiDocument } from '../openapi.js';
import { HttpProblem } from '../problem.js';
import { assertNoBody } from '../validate.js';

/** Health, storage, sweep, settings and the OpenAPI document. */
export function registerSystemRoutes(app: FastifyInstance, engine: EngineApi): void {
  app.get('/api/health', async () => ({ status: 'ok', version: APP_VERSION }));

  app.get('/api/storage', async () => engine.storageStats());

  app.post('/api/cleanup/sweep', async (request) => {
    assertNoBody(request.body);
    return engine.sweep();
  });

  app.get('/api/settings', async () => engine.settings());

  app.put('/api/settings', async (request) => {
    if (request.body === undefined || request.body === null || typeof request.body !== 'object') {
      throw new HttpProblem('VALIDATION_FAILED', 'A settings object is required.', [
        { path: '', message: 'must be an object' },
      ]);
    }
    const patch = SettingsPatchSchema.parse(request.body);
    return engine.updateSettings(patch);
  });

  let openApi: unknown;
  app.get('/api/openapi.json', async () => (openApi ??= buildOpenApiDocument()));
}
