import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RenderSpec } from '../../src-shared/spec.js';

/**
 * A request to fill the render form with a spec ("Edit & render again"). The queue room writes
 * it; the form reads it, loads the spec into its fields and calls `formRequestTaken(id)`.
 * `id` rises with every request, so asking twice for the same spec still reaches the form.
 */
export interface FormRequest {
  id: number;
  spec: RenderSpec;
  /** The job the spec came from, for the form's heading ("Editing a copy of …"). */
  fromJobId: string | null;
}

export const formRequestStore = createStore<{ request: FormRequest | null }>()(() => ({ request: null }));

let lastId = 0;

/** Opens the queue view with the form holding `spec`, ready to edit and render. */
export function openFormWithSpec(spec: RenderSpec, fromJobId: string | null = null): void {
  lastId += 1;
  formRequestStore.setState({ request: { id: lastId, spec, fromJobId } });
  if (typeof window !== 'undefined' && window.location.hash !== '#/') window.location.hash = '#/';
}

/** The form has loaded request `id`: it is not applied again (e.g. after a remount). */
export function formRequestTaken(id: number): void {
  if (formRequestStore.getState().request?.id === id) formRequestStore.setState({ request: null });
}

/** The pending request, or null. */
export function useFormRequest(): FormRequest | null {
  return useStore(formRequestStore, (s) => s.request);
}
