import { farmFromSettings } from '../farm/farm-from-settings.js';
import { startHost, type Host } from '../host.js';

/** How the desktop app opens its engine; `connectTimeoutMs` bounds the wait for a saved farm's Redis. */
export interface DesktopHostOptions {
  dataDir: string;
  /**
   * Asked when the farm saved in settings cannot be joined (Redis silent, the shared folder not
   * mounted, a half-set pair): true starts this machine alone this time, false gives up.
   */
  startAlone(reason: string): boolean;
  connectTimeoutMs?: number;
}

/**
 * The desktop app's host: on the farm saved in settings (Machine view), else this machine alone.
 * A farm that cannot be joined must not lock the creator out of the app (and so out of the
 * Machine view that leaves it): they are asked, and may start alone; the settings stay as saved.
 */
export async function startDesktopHost(options: DesktopHostOptions): Promise<Host> {
  const { dataDir, connectTimeoutMs } = options;
  const aloneOr = (error: unknown): Promise<Host> => {
    if (!options.startAlone(error instanceof Error ? error.message : String(error))) throw error;
    return startHost({ dataDir });
  };
  let farm: ReturnType<typeof farmFromSettings>;
  try {
    farm = farmFromSettings(dataDir);
  } catch (error) {
    return aloneOr(error);
  }
  if (!farm) return startHost({ dataDir });
  try {
    return await startHost({ dataDir, farm: { ...farm, ...(connectTimeoutMs ? { connectTimeoutMs } : {}) } });
  } catch (error) {
    return aloneOr(error);
  }
}
