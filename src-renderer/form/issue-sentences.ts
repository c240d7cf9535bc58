/**
 * The one place that turns validation problems into sentences a person understands ("Give the
 * video a title", not "Too small: expected string to have >=1 characters"), and decides which
 * control shows each. Used for the form's own check (zod issues) and for the server's 400 answer
 * (field errors, whose messages are zod's or, for files checked at submit, already sentences).
 */
import type { FieldError } from '../../src-shared/problem.js';

/** How a value failed: absent/too short, too long/large, or something else (wrong type, range, format). */
type Kind = 'missing' | 'too-long' | 'other';

/** The control (its error slot) a problem belongs to: `title`, `scenes.2.image`, `output.size`, ..., `form`. */
export type FieldKey = string;

/** A problem in the shape both zod issues and the server's field errors have. */
export interface Problem {
  path: string;
  message: string;
  /** zod's issue code, when the problem comes from a local check. */
  code?: string;
  keys?: readonly string[];
}

const ZOD_DEFAULT = /^(Too small|Too big|Invalid|Unrecognized key|Expected|must be|give exactly)/i;

function kindOf(problem: Problem): Kind {
  const code = problem.code;
  if (code === 'too_small' || /^Too small/i.test(problem.message)) {
    return /string|array|characters|items/i.test(problem.message) || code === 'too_small' ? 'missing' : 'other';
  }
  if (code === 'too_big' || /^Too big/i.test(problem.message)) return 'too-long';
  if (code === 'custom' && /exactly one of script or scenes/.test(problem.message)) return 'missing';
  return 'other';
}

type Sentence = (kind: Kind, scene: number) => string;

/** Path patterns (`N` = a scene index) and what to say. The first match wins. */
const SENTENCES: ReadonlyArray<[RegExp, Sentence]> = [
  [/^title$/, (k) => (k === 'too-long' ? 'Keep the title to 200 characters or fewer.' : 'Give the video a title.')],
  [
    /^script$/,
    (k) =>
      k === 'too-long'
        ? 'The script is too long: at most 200,000 characters.'
        : 'Write the script: a line starting with # begins a scene, the lines under it are what the narrator says.',
  ],
  [/^scenes$/, (k) => (k === 'too-long' ? 'A video can have at most 500 scenes.' : 'Add at least one scene.')],
  [/^scenes\.N\.heading$/, (_k, n) => `Scene ${n}: keep the heading to 200 characters or fewer.`],
  [/^scenes\.N\.narration$/, (_k, n) => `Scene ${n}: the narration is too long (at most 20,000 characters).`],
  [
    /^scenes\.N\.durationSec$/,
    (_k, n) => `Scene ${n}: give a duration between 0.5 and 600 seconds, or leave it empty to fit the narration.`,
  ],
  [/^scenes\.N\.background$/, (_k, n) => `Scene ${n}: pick a background colour.`],
  [/^scenes\.N\.image$/, (_k, n) => `Scene ${n}: give the image’s full path, for example /home/you/Pictures/sky.png.`],
  [/^scenes\.N\.(motion|fit)$/, (_k, n) => `Scene ${n}: choose how the image moves and fills the frame.`],
  [/^voice\.rate$/, () => 'Choose a speaking rate between 80 and 450 words per minute.'],
  [/^voice\.voice$/, () => 'Give a voice name such as en or en-us (at most 64 characters).'],
  [/^voice\.engine$/, () => 'Choose a voice: automatic, espeak-ng or none.'],
  [/^output\.width$/, () => 'Give a width between 16 and 7680 pixels, as an even number.'],
  [/^output\.height$/, () => 'Give a height between 16 and 4320 pixels, as an even number.'],
  [/^output\.fps$/, () => 'Give a frame rate between 1 and 120 frames per second.'],
  [/^output\.(preset|quality|encoder)$/, () => 'Choose one of the listed options.'],
  [/^transition(\.type)?$/, () => 'Choose a transition: crossfade, fade through black or cut.'],
  [/^transition\.durationSec$/, () => 'Give a transition length between 0.1 and 2 seconds.'],
  [
    /^music(\.path)?$/,
    () => 'Give the music file’s full path: an .mp3, .m4a, .wav or .ogg file, for example /home/you/Music/bed.mp3.',
  ],
  [/^music\.volumeDb$/, () => 'Set the music volume between −40 and 0 dB.'],
  [/^captions$/, () => 'Choose how captions are made: burned in, as files, both or none.'],
  [/^thumbnail(\.scene)?$/, () => 'Choose a scene of this video for the thumbnail (the first is 0).'],
];

/** What a person calls the field at `path`, for the server's own sentences ("Scene 2 image: …"). */
function fieldName(path: string): string | null {
  const scene = /^scenes\.(\d+)\.(\w+)$/.exec(path);
  if (scene) {
    const names: Record<string, string> = { image: 'image', narration: 'narration', heading: 'heading' };
    return `Scene ${Number(scene[1]) + 1} ${names[scene[2]!] ?? scene[2]}`;
  }
  if (path === 'music.path' || path === 'music') return 'Music file';
  return null;
}

/**
 * The sentence for one problem. A sentence of the server's own (a file it checked at submit:
 * "/x.png does not exist") is kept, after the name of the field it is about.
 */
export function sentenceFor(problem: Problem): string {
  if (problem.code === 'unrecognized_keys' || /^Unrecognized key/i.test(problem.message)) {
    const keys = problem.keys?.length ? problem.keys.join(', ') : problem.message.replace(/^[^:]*:\s*/, '');
    return `This spec has a field Aura Studio does not know: ${keys}.`;
  }
  const isZodText = problem.code !== undefined || ZOD_DEFAULT.test(problem.message);
  if (!isZodText && problem.message.trim() !== '') {
    const name = fieldName(problem.path);
    const text = problem.message.trim();
    return name && !text.toLowerCase().startsWith(name.toLowerCase())
      ? `${name}: ${ensureStop(text)}`
      : capitalise(text);
  }
  const scene = /^scenes\.(\d+)\./.exec(problem.path);
  const generic = problem.path.replace(/^scenes\.\d+\./, 'scenes.N.');
  const match = SENTENCES.find(([pattern]) => pattern.test(generic));
  if (match) return match[1](kindOf(problem), scene ? Number(scene[1]) + 1 : 0);
  return capitalise(problem.message);
}

/** Which control shows a problem at `path`, for a form that sends a script or a scene list. */
export function fieldKeyFor(path: string, mode: 'script' | 'scenes'): FieldKey {
  if (path === 'title') return 'title';
  if (path === 'script') return 'script';
  if (path === 'scenes') return mode === 'script' ? 'script' : 'scenes';
  const scene = /^scenes\.(\d+)(?:\.(\w+))?/.exec(path);
  if (scene) {
    if (mode === 'script') return 'script';
    return scene[2] ? `scenes.${scene[1]}.${scene[2]}` : `scenes.${scene[1]}.narration`;
  }
  if (/^output\.(width|height|preset)$/.test(path) || path === 'output') return 'output.size';
  if (/^(voice|output)\.\w+$/.test(path)) return path;
  if (path.startsWith('transition')) return 'transition';
  if (path === 'music' || path === 'music.path') return 'music.path';
  if (path.startsWith('music.')) return path;
  if (path === 'captions' || path === 'chapters') return path;
  if (path.startsWith('thumbnail')) return 'thumbnail';
  return 'form';
}

/** Problems as sentences, grouped per control (several on one control are joined). */
export function groupProblems(problems: readonly Problem[], mode: 'script' | 'scenes'): Record<FieldKey, string> {
  const out: Record<FieldKey, string> = {};
  for (const problem of problems) {
    const key = fieldKeyFor(problem.path, mode);
    const text = sentenceFor(problem);
    if (out[key]?.includes(text)) continue;
    out[key] = out[key] ? `${out[key]} ${text}` : text;
  }
  return out;
}

/** zod issues (a local check) in the Problem shape. */
export function problemsFromIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code: string; keys?: readonly string[] }>,
): Problem[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
    ...(issue.keys ? { keys: issue.keys } : {}),
  }));
}

/** The server's field errors in the Problem shape. */
export function problemsFromFieldErrors(errors: readonly FieldError[]): Problem[] {
  return errors.map((e) => ({ path: e.path, message: e.message }));
}

function ensureStop(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function capitalise(text: string): string {
  return ensureStop(text.charAt(0).toUpperCase() + text.slice(1));
}
