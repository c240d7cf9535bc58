import { useEffect, useRef } from 'react';
import { useUi } from '../../store/ui-store.js';

/** The app's one modal question (native <dialog>: focus trap, Escape and inert page for free). */
export function ConfirmDialog() {
  const request = useUi((s) => s.confirm);
  const ref = useRef<HTMLDialogElement>(null);

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
            <button type="button" className="button button--danger" onClick={() => request.resolve(true)}>
              {request.confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
