import { useEffect } from 'react';
import type { RenderSpecInput } from '../../../src-shared/spec.js';

/**
 * Calls `onRequest` with each "Edit & render again" request (a job's spec), once per request.
 * The queue room's store delivers them; until it lands this is a no-op.
 */
export function useFormRequests(onRequest: (spec: RenderSpecInput, fromTitle: string) => void): void {
  useEffect(() => {
    void onRequest;
  }, [onRequest]);
}
