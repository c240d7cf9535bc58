/** One chapter of the video: a scene heading and where it starts and ends. */
export interface Chapter {
  title: string;
  startSec: number;
  endSec: number;
}

/**
 * One chapter per scene heading, from the scenes' lengths in order. A scene without a heading
 * belongs to the chapter before it; the first chapter always starts at 0 (YouTube requires it).
 */
export function chaptersOf(scenes: readonly { heading: string; clipSec: number }[]): Chapter[] {
  const starts: { title: string; startSec: number }[] = [];
  let at = 0;
  for (const scene of scenes) {
    const title = scene.heading.trim();
    if (title) starts.push({ title, startSec: starts.length === 0 ? 0 : at });
    at += scene.clipSec;
  }
  return starts.map((c, i) => ({ ...c, endSec: starts[i + 1]?.startSec ?? at }));
}

/** `m:ss` or `h:mm:ss`, as YouTube reads chapter times in a description. */
export function youtubeTime(sec: number): string {
  const whole = Math.floor(sec + 1e-6);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The chapters in YouTube's description format: one `0:00 Heading` line each. */
export function youtubeChapters(chapters: readonly Chapter[]): string {
  return chapters.map((c) => `${youtubeTime(c.startSec)} ${oneLine(c.title)}\n`).join('');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Escapes a value for ffmpeg's ffmetadata format (`=`, `;`, `#`, `\` and newlines). */
const metaValue = (text: string) => oneLine(text).replace(/[=;#\\]/g, (c) => `\\${c}`);

/** An ffmetadata file: the title, and the chapters in milliseconds (for `-map_chapters`). */
export function ffmetadata(title: string, chapters: readonly Chapter[]): string {
  const lines = [';FFMETADATA1', `title=${metaValue(title)}`];
  for (const c of chapters) {
    lines.push(
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${Math.round(c.startSec * 1000)}`,
      `END=${Math.round(c.endSec * 1000)}`,
      `title=${metaValue(c.title)}`,
    );
  }
  return lines.join('\n') + '\n';
}
