import { useEffect, useRef } from 'react';
import { appStore } from '../../store/app-store.js';
import { recheckConfirm, useUi } from '../../store/ui-store.js';

/** The app's one modal question (native <dialog>: focus trap, Escape and inert page for free). */
export function ConfirmDialog() {
  const request = useUi((s) => s.confirm);
  const ref = useRef<HTMLDialogElement>(null);

  // A question about a job that has since ended (or gone) closes itself, whatever changed it.
  useEffect(() => {
    if (!request?.stillValid) return;
    recheckConfirm();
    return appStore.subscribe((state, previous) => {
      if (state.queue.jobs !== previous.queue.jobs) recheckConfirm();
    });
  }, [request]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    if (!request && dialog.open) dialog.close();
  }, [request]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        request?.resolve(false);
      }}
    >
      {request && (
        <>
          <h2 id="confirm-title">{request.title}</h2>
          <p id="confirm-body">{request.body}</p>
          <div className="actions">
            <button type="button" className="button" autoFocus onClick={() => request.resolve(false)}>
              {request.cancelLabel}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                // The stream may have moved on a moment ago: never act on a question that is overtaken.
                if (request.stillValid && !request.stillValid()) recheckConfirm();
                else request.resolve(true);
              }}
            >
              {request.confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
