/** Saving the form as a spec file the user can keep, share, or give to `aura render`. */
import type { RenderSpecInput } from '../../src-shared/spec.js';

/** "Why the sky is blue!" → "why-the-sky-is-blue.json"; an empty title → "render.json". */
export function specFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || 'render'}.json`;
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
