import { WhenQueueFinishes } from '../desktop/WhenQueueFinishes.js';
import { RenderForm } from './RenderForm.js';

/** The queue view's left column: the render form, and (desktop only) what happens when the queue finishes. */
export function FormColumn() {
  return (
    <div className="form-column">
      <RenderForm />
      <WhenQueueFinishes />
    </div>
  );
}
