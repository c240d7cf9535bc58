import { z } from 'zod';
import { APP_VERSION } from '../../../src-shared/constants.js';
import { HealthSchema, StorageStatsSchema, SweepResultSchema } from '../../../src-shared/job.js';
import { WorkersResponseSchema } from '../../../src-shared/queue.js';
import { FarmStatusSchema } from '../../../src-shared/farm.js';
import { SettingsSchema } from '../../../src-shared/settings.js';
import { checkFarmPatch, settingsForHttp } from '../farm-settings-guard.js';
import { defineRoute, type RouteDef } from '../route-table/route.js';
import { refuseExecutableChanges, SettingsPatchOverHttpSchema } from '../settings-guard.js';

const health = defineRoute({
  method: 'GET',
  path: '/api/health',
  operationId: 'getHealth',
  summary: "Liveness, and problems with the engine's own files (e.g. SETTINGS_CORRUPT)",
  auth: false,
  responses: { 200: { description: 'Up', schema: HealthSchema } },
  handler: async ({ engine }) => ({ status: 'ok', version: APP_VERSION, warnings: engine.warnings() }),
});

const storage = defineRoute({
  method: 'GET',
  path: '/api/storage',
  operationId: 'getStorage',
  summary: 'Disk use of temp, previews and artifacts',
  responses: { 200: { description: 'Stats', schema: StorageStatsSchema } },
  handler: async ({ engine }) => engine.storageStats(),
});

const sweep = defineRoute({
  method: 'POST',
  path: '/api/cleanup/sweep',
  operationId: 'sweepNow',
  summary: 'Sweep expired temp and proxy files now',
  responses: { 200: { description: 'Swept', schema: SweepResultSchema } },
  handler: async ({ engine }) => engine.sweep(),
});

const getSettings = defineRoute({
  method: 'GET',
  path: '/api/settings',
  operationId: 'getSettings',
  summary: 'Settings',
  responses: { 200: { description: 'Settings', schema: SettingsSchema } },
  handler: async ({ engine }) => settingsForHttp(engine.settings()),
});

const putSettings = defineRoute({
  method: 'PUT',
  path: '/api/settings',
  operationId: 'updateSettings',
  summary: 'Change settings (any subset), applied at once (the farm pair at the next start)',
  body: SettingsPatchOverHttpSchema,
  responses: {
    200: { description: 'The new settings', schema: SettingsSchema },
    403: { description: 'Host or Origin refused, or a change to a setting naming a program to run' },
  },
  handler: async ({ engine }, { body }) => {
    const current = engine.settings();
    refuseExecutableChanges(body, current);
    return settingsForHttp(await engine.updateSettings(checkFarmPatch(body, current)));
  },
});

const farm = defineRoute({
  method: 'GET',
  path: '/api/farm',
  operationId: 'getFarm',
  summary: 'The render farm this engine runs on now (null: this machine alone), and whether its Redis is reachable',
  responses: { 200: { description: 'Farm', schema: FarmStatusSchema } },
  handler: async ({ farm }) => ({
    farm: farm && { url: farm.url, sharedDir: farm.sharedDir, renders: farm.renders, reachable: farm.reachable() },
  }),
});

const workers = defineRoute({
  method: 'GET',
  path: '/api/workers',
  operationId: 'listWorkers',
  summary: 'The machines rendering jobs (embedded: this one alone)',
  responses: { 200: { description: 'Workers', schema: WorkersResponseSchema } },
  handler: async ({ engine }) => engine.workers(),
});

const openApi = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This document',
  responses: {
    200: {
      description: 'OpenAPI 3.1',
      schema: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.looseObject({}) }),
    },
  },
  handler: async ({ openApiDocument }) => openApiDocument(),
});

/** Health, storage, sweep, settings, workers, the farm and the OpenAPI document. */
export const systemRoutes: RouteDef[] = [health, storage, sweep, getSettings, putSettings, workers, farm, openApi];
