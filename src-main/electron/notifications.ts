/**
 * Native notifications when a render completes or fails. Clicking one brings the window back
 * and asks the renderer to open that job.
 */
import { Notification } from 'electron';
import type { EngineApi } from '../engine/engine-api.js';
import { notificationFor } from './notification-content.js';

export interface NotifyOptions {
  engine: Pick<EngineApi, 'subscribe' | 'get'>;
  /** Shows the window and opens the job in it. */
  openJob(jobId: string): void;
  iconPath?: string;
}

/** Starts notifying. Returns a stop function. */
export function startJobNotifications(options: NotifyOptions): () => void {
  if (!Notification.isSupported()) return () => {};
  // A notification whose object is garbage-collected loses its click handler: keep them until used.
  const live = new Set<Notification>();
  const unsubscribe = options.engine.subscribe((event) => {
    if (event.jobId === null) return; // a queue event, not a job's
    const content = notificationFor(event, options.engine.get(event.jobId)?.title);
    if (!content) return;
    const notification = new Notification({
      title: content.title,
      body: content.body,
      ...(options.iconPath ? { icon: options.iconPath } : {}),
    });
    live.add(notification);
    const forget = (): void => {
      live.delete(notification);
    };
    notification.on('click', () => {
      forget();
      options.openJob(content.jobId);
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
  });
  return () => {
    unsubscribe();
    for (const notification of live) notification.close();
    live.clear();
  };
}
