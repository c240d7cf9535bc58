/**
 * After Render, the keyboard goes to the new job's row. The row (the queue's) carries
 * `data-job-id`; it may appear a frame or two after the POST answers, so this looks for it for
 * a short while and gives up quietly.
 */
export function focusJobRow(jobId: string, doc: Document = document, tries = 60): void {
  const row = doc.querySelector<HTMLElement>(`[data-job-id="${CSS.escape(jobId)}"]`);
  if (row) {
    // The row's title link is its first focusable control; a row made focusable itself also works.
    const target = row.matches('[tabindex]') ? row : (row.querySelector<HTMLElement>('a[href], button') ?? row);
    target.focus();
    target.scrollIntoView?.({ block: 'nearest' });
    return;
  }
  if (tries > 0) requestAnimationFrame(() => focusJobRow(jobId, doc, tries - 1));
}
