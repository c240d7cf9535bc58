/**
 * Reading a dropped or picked file into the form: a script (`.txt`, `.md`) fills the script, a
 * spec (`.json`) fills every field. Anything else, or a spec the schema refuses, is a sentence.
 */
import { MAX_BODY_BYTES } from '../../src-shared/constants.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../src-shared/spec.js';
import { problemsFromIssues, sentenceFor } from './issue-sentences.js';

/** What importing a file gave. */
export type Imported =
  | { kind: 'script'; script: string; title: string }
  | { kind: 'spec'; spec: RenderSpecInput }
  | { kind: 'error'; message: string };

/** The parts of a File this needs (a DOM File, or a stand-in in tests). */
export interface ReadableFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

const SCRIPT_EXTENSIONS = ['.txt', '.md', '.markdown'];
const MAX_SCRIPT_CHARS = 200_000;

/** "why-the-sky_is blue.md" → "Why the sky is blue": a title to start from. */
export function titleFromFileName(name: string): string {
  const base = name
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Reads `file` as a script or a spec; never throws. */
export async function importFile(file: ReadableFile): Promise<Imported> {
  const lower = file.name.toLowerCase();
  const isScript = SCRIPT_EXTENSIONS.some((ext) => lower.endsWith(ext));
  const isSpec = lower.endsWith('.json');
  if (!isScript && !isSpec) {
    return { kind: 'error', message: `${file.name} is not a script (.txt, .md) or a spec (.json).` };
  }
  if (file.size > MAX_BODY_BYTES) {
    return { kind: 'error', message: `${file.name} is too big to be a script or a spec (over 1 MB).` };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { kind: 'error', message: `${file.name} could not be read.` };
  }
  if (isScript) {
    if (text.length > MAX_SCRIPT_CHARS) {
      return { kind: 'error', message: `${file.name} is longer than a script may be (200,000 characters).` };
    }
    return { kind: 'script', script: text.replace(/\r\n?/g, '\n'), title: titleFromFileName(file.name) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'error', message: `${file.name} is not valid JSON, so it cannot be read as a spec.` };
  }
  const parsed = RenderSpecSchema.safeParse(json);
  if (!parsed.success) {
    const sentences = [...new Set(problemsFromIssues(parsed.error.issues).map(sentenceFor))];
    return { kind: 'error', message: `${file.name} is not a spec Aura Studio can render: ${sentences.join(' ')}` };
  }
  // The file as written (not the parsed spec with every default spelled out) fills the form.
  return { kind: 'spec', spec: json as RenderSpecInput };
}
