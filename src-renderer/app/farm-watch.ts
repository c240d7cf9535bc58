import type { ApiClient } from '../api/api-client.js';
import { ApiError } from '../api/api-error.js';
import { appStore, farmUnreachable, setFarm } from '../store/app-store.js';

/** How often GET /api/farm is read while the engine is on a farm (its Redis can go and come back; no event says so). */
export const FARM_POLL_MS = 3000;

/**
 * Keeps the store's `farm` true: read once at start; on a farm, read again every `pollMs`, so the
 * page says when the farm's Redis is away and recovers by itself when it is back. On one machine
 * nothing is polled; the farm is read again only when the event stream comes back after a break
 * (the engine may have restarted on a farm). Returns a stop function.
 */
export function startFarmWatch(api: Pick<ApiClient, 'farm'>, pollMs = FARM_POLL_MS): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let reading = false;
  const read = async () => {
    if (stopped || reading) return;
    reading = true;
    if (timer) clearTimeout(timer);
    timer = null;
    let poll = true;
    try {
      const { farm } = await api.farm();
      setFarm(farm);
      poll = farm !== null;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'FARM_UNAVAILABLE') farmUnreachable();
      // The engine itself unreachable: the connection banner says so; try again when the stream is back.
      else poll = appStore.getState().farm != null;
    } finally {
      reading = false;
    }
    if (!stopped && poll) timer = setTimeout(() => void read(), pollMs);
  };
  void read();
  const unsubscribe = appStore.subscribe((state, previous) => {
    const back =
      (state.connection === 'caught-up' || state.connection === 'live') &&
      (previous.connection === 'reconnecting' || previous.connection === 'unauthorized');
    if (back) void read();
  });
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
