import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { FarmKeys } from './farm-keys.js';

/** A request to the machine that runs a job: stop it for this reason. */
export const ControlMessageSchema = z.object({
  jobId: z.string(),
  action: z.enum(['cancel', 'pause']),
});
export type ControlMessage = z.infer<typeof ControlMessageSchema>;

/** Sends a control message to every worker (the one running the job acts on it). */
export async function sendControl(redis: Redis, keys: FarmKeys, message: ControlMessage): Promise<void> {
  await redis.publish(keys.control, JSON.stringify(message));
}

/**
 * Listens for control messages on a connection of its own (a subscribed connection can do
 * nothing else). ioredis re-subscribes by itself after a reconnect. Returns a stop function.
 */
export async function listenForControl(
  subscriber: Redis,
  keys: FarmKeys,
  onMessage: (message: ControlMessage) => void,
): Promise<() => Promise<void>> {
  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== keys.control) return;
    try {
      const parsed = ControlMessageSchema.safeParse(JSON.parse(text));
      if (parsed.success) onMessage(parsed.data);
    } catch {
      // not ours: ignore
    }
  });
  if (subscriber.status === 'wait') await subscriber.connect();
  await subscriber.subscribe(keys.control);
  return async () => {
    await subscriber.unsubscribe(keys.control).catch(() => undefined);
  };
}
