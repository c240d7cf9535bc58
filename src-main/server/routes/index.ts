import type { RouteDef } from '../route-table/route.js';
import { fileRoutes } from './file-routes.js';
import { jobRoutes } from './jobs-routes.js';
import { queueRoutes } from './queue-routes.js';
import { streamRoutes } from './stream-routes.js';
import { systemRoutes } from './system-routes.js';

/** Every route of the loopback API, declared once: registered from here and documented from here. */
export const ROUTES: readonly RouteDef[] = [
  ...systemRoutes,
  ...queueRoutes,
  ...jobRoutes,
  ...fileRoutes,
  ...streamRoutes,
];
