import crypto from 'node:crypto';

let lastMs = 0;
let sameMs = 0;

/**
 * A new job id: the time in base 36, a count of the ids made before it in the same millisecond
 * by this process, and random hex. Ids of one process sort in the order they were made, so jobs
 * created in the same millisecond still list newest first in creation order (createdAt ties are
 * broken by id); the random part keeps ids of different machines apart.
 */
export function newJobId(): string {
  const now = Date.now();
  sameMs = now === lastMs ? sameMs + 1 : 0;
  lastMs = now;
  // Three base-36 digits sort as text up to 46,655 ids in one millisecond, far past any burst.
  const count = Math.min(sameMs, 36 ** 3 - 1)
    .toString(36)
    .padStart(3, '0');
  return `${now.toString(36)}-${count}${crypto.randomBytes(4).toString('hex').slice(0, 7)}`;
}
