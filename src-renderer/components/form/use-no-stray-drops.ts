import { useEffect } from 'react';

/**
 * A file dropped beside the form (on the queue, the header) would make a browser tab open that
 * file in place of the app. Outside the drop targets (which stop the event themselves) the
 * window shows "no drop" and ignores it.
 */
export function useNoStrayFileDrops(): void {
  useEffect(() => {
    const refuse = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files') || event.defaultPrevented) return;
      event.preventDefault();
      if (event.type === 'dragover') event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);
}
