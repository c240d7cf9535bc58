import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** A question the confirm dialog asks. */
export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
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

/** Asks the user to confirm; resolves false when they decline or close the dialog. */
export function askConfirm(question: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
  uiStore.getState().confirm?.resolve(false);
  return new Promise((resolve) => {
    uiStore.setState({
      confirm: {
        ...question,
        resolve: (answer) => {
          uiStore.setState({ confirm: null });
          resolve(answer);
        },
      },
    });
  });
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
