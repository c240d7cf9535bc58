/** Longest file-name stem we make from a title (the artifact route allows 128 characters). */
const MAX_STEM = 80;

/**
 * A title as a file-name stem: ASCII letters and digits, lowercase, words joined by single
 * dashes, accents folded (`Café` -> `cafe`), at most 80 characters cut at a word; `video` when
 * nothing is left (a title of emoji or another script).
 */
export function titleSlug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let stem = '';
  for (const word of words) {
    const next = stem ? `${stem}-${word}` : word;
    if (next.length > MAX_STEM) break;
    stem = next;
  }
  return stem || (words[0]?.slice(0, MAX_STEM) ?? '') || 'video';
}

/** Every file a render leaves in artifacts/, named after the job's title. */
export function artifactNames(title: string) {
  const stem = titleSlug(title);
  return {
    video: `${stem}.mp4`,
    srt: `${stem}.srt`,
    vtt: `${stem}.vtt`,
    chapters: `${stem}-chapters.txt`,
    thumbnail: `${stem}-thumbnail.jpg`,
  };
}

/** The artifact types the pipeline lists (MIME types, so a download keeps its meaning). */
export const ARTIFACT_TYPES = {
  video: 'video/mp4',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  chapters: 'text/plain',
  thumbnail: 'image/jpeg',
} as const;
