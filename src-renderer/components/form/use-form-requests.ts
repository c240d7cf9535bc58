import { useEffect, useRef } from 'react';
import type { RenderSpecInput } from '../../../src-shared/spec.js';
import { formRequestTaken, useFormRequest } from '../../store/form-request.js';
import { useApp } from '../../store/selectors.js';

/**
 * Calls `onRequest` once per "Edit & render again" request (a job's spec, from the queue's
 * store), with the title of the job it came from, then marks the request taken.
 */
export function useFormRequests(onRequest: (spec: RenderSpecInput, fromTitle: string) => void): void {
  const request = useFormRequest();
  const fromTitle = useApp((s) => (request?.fromJobId ? s.queue.jobs.get(request.fromJobId)?.title : undefined));
  const latest = useRef(onRequest);
  latest.current = onRequest;
  useEffect(() => {
    if (!request) return;
    latest.current(request.spec, fromTitle ?? request.spec.title);
    formRequestTaken(request.id);
  }, [request, fromTitle]);
}
