/**
 * The job lifecycle, in one table: which action is allowed in which status, what status it leads
 * to, and the refusal code when it is not allowed. The engine's transition(), the server's 409
 * answers and the UI's buttons all read it; the status groupings below are derived from it.
 */
import type { ErrorCode } from './constants.js';

export const JOB_STATUSES = ['pending', 'running', 'paused', 'completed', 'failed', 'canceled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What a person (or the API) asks for. */
export const USER_ACTIONS = ['cancel', 'pause', 'resume', 'move', 'delete'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** What the engine itself does to a job. */
export const ENGINE_ACTIONS = [
  /** The runner takes a pending job. */
  'start',
  'complete',
  'fail',
  /** Start-up found the job running (a crash) and puts it back in the queue. */
  'interrupt',
] as const;
export type EngineAction = (typeof ENGINE_ACTIONS)[number];
export type JobAction = UserAction | EngineAction;

/** The status an action leads to; `null`: the job is gone (delete). */
export type NextStatus = JobStatus | null;

/**
 * status x action -> next status. What is not listed is refused. `resume` from `failed` also needs
 * the job's `canResume` (its checkpoints are still there and retrying can help).
 */
export const LIFECYCLE: { readonly [S in JobStatus]: { readonly [A in JobAction]?: NextStatus } } = {
  pending: { start: 'running', cancel: 'canceled', move: 'pending' },
  running: { complete: 'completed', fail: 'failed', cancel: 'canceled', pause: 'paused', interrupt: 'pending' },
  paused: { cancel: 'canceled', resume: 'pending' },
  completed: { delete: null },
  failed: { resume: 'pending', delete: null },
  canceled: { delete: null },
};

/** The refusal code of each action, for a status the table does not allow it in. */
export const REFUSAL_CODES = {
  cancel: 'JOB_NOT_CANCELABLE',
  pause: 'JOB_NOT_PAUSABLE',
  resume: 'JOB_NOT_RESUMABLE',
  move: 'JOB_NOT_PENDING',
  delete: 'JOB_ACTIVE',
  // The engine asking for a move the table forbids is a bug of the engine's own.
  start: 'INTERNAL',
  complete: 'INTERNAL',
  fail: 'INTERNAL',
  interrupt: 'INTERNAL',
} as const satisfies Record<JobAction, ErrorCode>;
export type RefusalCode = (typeof REFUSAL_CODES)[JobAction];

/** Where `action` takes a job in `status`: the next status (null: deleted), or the refusal code. */
export function decide(
  status: JobStatus,
  action: JobAction,
  canResume = false,
): { ok: true; next: NextStatus } | { ok: false; code: RefusalCode } {
  const next = LIFECYCLE[status][action];
  const allowed = next !== undefined && !(action === 'resume' && status === 'failed' && !canResume);
  return allowed ? { ok: true, next } : { ok: false, code: REFUSAL_CODES[action] };
}

/** Whether `action` is allowed for a job in `status`. */
export function can(status: JobStatus, action: JobAction, canResume = false): boolean {
  return decide(status, action, canResume).ok;
}

/** Which user actions a job allows now: what the UI's buttons show. */
export function availableActions(status: JobStatus, canResume: boolean): Record<UserAction, boolean> {
  return Object.fromEntries(USER_ACTIONS.map((a) => [a, can(status, a, canResume)])) as Record<UserAction, boolean>;
}

const statusesWhere = (test: (s: JobStatus) => boolean): JobStatus[] => JOB_STATUSES.filter(test);

/** Statuses a job can be deleted in: it has ended (completed, failed, canceled). */
export const ENDED_STATUSES = statusesWhere((s) => can(s, 'delete')) as readonly JobStatus[];
/** Statuses of a job that still has a future: pending, running, paused. Their files are never swept. */
export const ACTIVE_STATUSES = statusesWhere((s) => !can(s, 'delete')) as readonly JobStatus[];
/** Ended for good: no action but delete leads anywhere (completed, canceled; a failed job may be resumed). */
export const FINAL_STATUSES = statusesWhere((s) =>
  Object.entries(LIFECYCLE[s]).every(([action]) => action === 'delete'),
) as readonly JobStatus[];

/** Whether a job in `status` has ended (see ENDED_STATUSES). */
export const isEnded = (status: JobStatus): boolean => ENDED_STATUSES.includes(status);
/** Whether a job in `status` is still active (see ACTIVE_STATUSES). */
export const isActiveStatus = (status: JobStatus): boolean => ACTIVE_STATUSES.includes(status);
