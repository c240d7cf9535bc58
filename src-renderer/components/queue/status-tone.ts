import type { JobStatus } from '../../../src-shared/job.js';

/** The colour family of a status (CSS modifier), shared by badges and progress bars. */
export function statusTone(status: JobStatus): string {
  switch (status) {
    case 'running':
      return 'active';
    case 'completed':
      return 'good';
    case 'failed':
      return 'bad';
    case 'paused':
      return 'warn';
    default:
      return 'neutral';
  }
}
