import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** A question the confirm dialog asks. */
export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  /**
   * False once the question no longer makes sense (the job finished or was deleted meanwhile):
   * the dialog then closes by itself, answering false, and `overtaken` is shown as a notice.
   * @default () => true
   */
  stillValid?: () => boolean;
  /** What the notice says when the dialog closed itself. */
  overtaken?: string;
  resolve(answer: boolean): void;
}

interface UiState {
  /** The last message for the live region (action failures, cleanups). */
  notice: { id: number; text: string; tone: 'info' | 'error' } | null;
  confirm: ConfirmRequest | null;
}

export const uiStore = createStore<UiState>()(() => ({ notice: null, confirm: null }));

let noticeId = 0;

/** Shows a short message in the notice area (announced to screen readers). */
export function notify(text: string, tone: 'info' | 'error' = 'info'): void {
  noticeId += 1;
  uiStore.setState({ notice: { id: noticeId, text, tone } });
}

export function dismissNotice(): void {
  uiStore.setState({ notice: null });
}

/** Asks the user to confirm; resolves false when they decline, close the dialog, or it is overtaken. */
export function askConfirm(question: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
  uiStore.getState().confirm?.resolve(false);
  return new Promise((resolve) => {
    const request: ConfirmRequest = {
      ...question,
      resolve: (answer) => {
        if (uiStore.getState().confirm === request) uiStore.setState({ confirm: null });
        resolve(answer);
      },
    };
    uiStore.setState({ confirm: request });
  });
}

/** Closes the open question if it has been overtaken by events (called whenever the queue changes). */
export function recheckConfirm(): void {
  const request = uiStore.getState().confirm;
  if (!request?.stillValid || request.stillValid()) return;
  request.resolve(false);
  if (request.overtaken) notify(request.overtaken);
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
