import type { JobStatus } from '../../../src-shared/job.js';

/**
 * Which machine rendered a job, in words, or null when it says nothing (`machine` is null before a
 * job starts and always on one machine): "Rendering on render-2", "Rendered on render-2", or, for a
 * job that stopped or waits to run again, "Last attempt on render-2".
 */
export function machineText(status: JobStatus, machine: string | null): string | null {
  if (!machine) return null;
  if (status === 'running') return `Rendering on ${machine}`;
  if (status === 'completed') return `Rendered on ${machine}`;
  return `Last attempt on ${machine}`;
}
