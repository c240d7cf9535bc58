import type { FieldError } from '../../src-shared/problem.js';
import type { RenderSpec } from '../../src-shared/spec.js';
import { EngineError } from './errors.js';

/**
 * Checks a spec against the machine before a job is made from it (the files it names exist and
 * are media); returns the fields at fault. The host wires the pipeline's check: the engine
 * itself knows nothing of images.
 */
export type SpecCheck = (spec: RenderSpec) => Promise<FieldError[]>;

/** Throws VALIDATION_FAILED naming every field the check refused; nothing is created then. */
export async function refuseUnusableSpec(check: SpecCheck | undefined, spec: RenderSpec): Promise<void> {
  if (!check) return;
  const fields = await check(spec);
  if (fields.length === 0) return;
  const first = fields[0]!;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  throw new EngineError(
    'VALIDATION_FAILED',
    `The spec names a file that cannot be used: ${first.path}: ${first.message}${more}.`,
    fields,
  );
}
