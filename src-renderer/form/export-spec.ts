/** Saving the form as a spec file the user can keep, share, or give to `aura render`. */
import { titleSlug } from '../../src-shared/artifact-names.js';
import type { RenderSpecInput } from '../../src-shared/spec.js';

/** "Why the sky is blue!" → "why-the-sky-is-blue.json": the name the video's own files get, as JSON. */
export function specFileName(title: string): string {
  return `${titleSlug(title)}.json`;
}

/** The spec file's text: pretty JSON with a final newline, as a person would write it. */
export function specFileText(spec: RenderSpecInput): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Downloads the spec as a file (a blob link clicked once: works in a browser and the desktop window). */
export function downloadSpec(spec: RenderSpecInput, doc: Document = document): string {
  const name = specFileName(spec.title);
  const url = URL.createObjectURL(new Blob([specFileText(spec)], { type: 'application/json' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: the download has its own reference by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return name;
}
