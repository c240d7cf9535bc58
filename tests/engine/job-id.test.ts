import { describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN } from '../../src-shared/constants.js';
import { newJobId } from '../../src-main/engine/job-id.js';
import { newestFirst, newJobRecord } from '../../src-main/engine/job-record.js';
import { testSpec } from '../helpers/test-steps.js';

describe('job ids', () => {
  it('are unique, URL-safe and sort in the order they were made, many to a millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newJobId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(JOB_ID_PATTERN);
    expect([...ids].sort()).toEqual(ids);
    // A loop this tight makes many ids within one millisecond: the order above is the count's doing.
    const prefixes = ids.map((id) => id.split('-')[0]);
    expect(new Set(prefixes).size).toBeLessThan(ids.length);
  });

  it('list jobs created in the same millisecond newest first, in the order they were created', () => {
    const createdAt = new Date().toISOString();
    const records = Array.from({ length: 50 }, () => newJobRecord(newJobId(), testSpec(), [], createdAt));
    const listed = [...records].sort(newestFirst).map((r) => r.jobId);
    expect(listed).toEqual(records.map((r) => r.jobId).reverse());
  });
});
