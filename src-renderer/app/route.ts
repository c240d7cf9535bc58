import { JOB_ID_PATTERN } from '../../src-shared/constants.js';

/** The views, addressed by the URL hash so they work from http:// and file:// alike. */
export type Route = { view: 'queue' } | { view: 'machine' } | { view: 'job'; jobId: string };

/** Reads a location hash (`#/jobs/<id>`, `#/machine`); anything else is the queue. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'machine') return { view: 'machine' };
  const job = /^jobs\/([^/?#]+)$/.exec(path);
  if (job) {
    const jobId = decodeSegment(job[1]!);
    if (jobId !== null && JOB_ID_PATTERN.test(jobId)) return { view: 'job', jobId };
  }
  return { view: 'queue' };
}

/** The hash of a route. */
export function routeHref(route: Route): string {
  switch (route.view) {
    case 'queue':
      return '#/';
    case 'machine':
      return '#/machine';
    case 'job':
      return `#/jobs/${encodeURIComponent(route.jobId)}`;
  }
}

/** A percent-encoded path segment, or null for a malformed one (`%E0`): a typed hash must not blank the app. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
