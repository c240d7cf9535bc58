import { useEffect } from 'react';
import { dismissNotice, useUi } from '../../store/ui-store.js';

/** The last notice (a failed action, a finished cleanup), announced and gone after a while. */
export function NoticeArea() {
  const notice = useUi((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(dismissNotice, notice.tone === 'error' ? 10_000 : 5000);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div className="notices" role={notice?.tone === 'error' ? 'alert' : 'status'} aria-live="polite">
      {notice && (
        <div className={`notice notice--${notice.tone}`}>
          <span>{notice.text}</span>
          <button type="button" className="button button--quiet" onClick={dismissNotice} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
