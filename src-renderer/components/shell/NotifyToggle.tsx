import { useState } from 'react';
import { notifyOnEndWanted, setNotifyOnEnd } from '../../app/end-notifications.js';
import { bridge } from '../../api/client.js';
import { notify } from '../../store/ui-store.js';

/**
 * Opt-in browser notifications when a job ends. Not shown in the desktop app, which notifies
 * through the OS already, nor in a browser without the Notification API.
 */
export function NotifyToggle() {
  const supported = typeof Notification !== 'undefined' && bridge() === null;
  const [on, setOn] = useState(() => supported && notifyOnEndWanted() && Notification.permission === 'granted');
  if (!supported) return null;
  const toggle = async () => {
    if (on) {
      setNotifyOnEnd(false);
      setOn(false);
      return;
    }
    const permission =
      Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') {
      notify('The browser does not allow notifications for this page; change that in its site settings.', 'error');
      return;
    }
    setNotifyOnEnd(true);
    setOn(true);
  };
  return (
    <button type="button" className="button button--quiet" aria-pressed={on} onClick={() => void toggle()}>
      {on ? 'Notifying when a job ends' : 'Notify me when a job ends'}
    </button>
  );
}
