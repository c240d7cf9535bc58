import type { FormState } from '../../form/form-state.js';
import type { FieldKey } from '../../form/issue-sentences.js';

/** What each form section gets: the state, a setter per field, and the sentence per control. */
export interface SectionProps {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  errors: Record<FieldKey, string>;
}
