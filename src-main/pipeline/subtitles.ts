/** A caption cue on the video's timeline (seconds from the start of the video). */
export interface TimedCue {
  startSec: number;
  endSec: number;
  /** The words shown; players wrap lines themselves. */
  text: string;
}

/** `hh:mm:ss<sep>mmm`: SRT uses a comma, WebVTT a full stop. */
export function cueTime(sec: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(sec * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** Blank lines end a cue in both formats, and `-->` would read as a timing line: neither may appear in a text. */
const cueText = (text: string) => text.replace(/\s+/g, ' ').replace(/-->/g, '->').trim();

const nonEmpty = (cues: readonly TimedCue[]) => cues.filter((c) => cueText(c.text) !== '' && c.endSec > c.startSec);

/** A SubRip (.srt) file. */
export function toSrt(cues: readonly TimedCue[]): string {
  return nonEmpty(cues)
    .map((c, i) => `${i + 1}\n${cueTime(c.startSec, ',')} --> ${cueTime(c.endSec, ',')}\n${cueText(c.text)}\n`)
    .join('\n');
}

/** A WebVTT (.vtt) file. */
export function toVtt(cues: readonly TimedCue[]): string {
  const body = nonEmpty(cues)
    .map((c) => `${cueTime(c.startSec, '.')} --> ${cueTime(c.endSec, '.')}\n${cueText(c.text)}\n`)
    .join('\n');
  return `WEBVTT\n\n${body}`;
}

/** Scene-relative cues placed on the video's timeline: each scene starts where the ones before it end. */
export function onTimeline(
  scenes: readonly { clipSec: number; cues: readonly { startSec: number; endSec: number; text: string }[] }[],
): TimedCue[] {
  const all: TimedCue[] = [];
  let at = 0;
  for (const scene of scenes) {
    for (const cue of scene.cues) {
      all.push({ startSec: at + cue.startSec, endSec: at + Math.min(cue.endSec, scene.clipSec), text: cue.text });
    }
    at += scene.clipSec;
  }
  return all;
}
