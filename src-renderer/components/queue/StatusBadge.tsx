import type { JobStatus } from '../../../src-shared/job.js';
import { statusLabel } from '../../format/format.js';
import { statusTone } from './status-tone.js';

/** The status as a word (never colour alone). */
export function StatusBadge(props: { status: JobStatus; id?: string }) {
  return (
    <span className={`badge badge--${statusTone(props.status)}`} id={props.id}>
      {statusLabel(props.status)}
    </span>
  );
}
