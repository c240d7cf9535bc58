import { describe, expect, it } from 'vitest';
import { ARTIFACT_NAME_PATTERN } from '../../src-shared/constants.js';
import { artifactNames, titleSlug } from '../../src-shared/artifact-names.js';

describe('titleSlug', () => {
  it.each([
    ['Why the sky is blue', 'why-the-sky-is-blue'],
    ['  Why   the Sky is BLUE?!  ', 'why-the-sky-is-blue'],
    ['Café crème: à la carte', 'cafe-creme-a-la-carte'],
    ["Octopuses' 3 hearts & 9 brains", 'octopuses-3-hearts-9-brains'],
    ['It’s 2026 — what now', 'its-2026-what-now'],
    ['../../etc/passwd', 'etc-passwd'],
    ['🎉🎉', 'video'],
    ['日本の空', 'video'],
    ['output', 'output'],
  ])('%j -> %s', (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
  });

  it('cuts a long title at a word, at most 80 characters', () => {
    const slug = titleSlug('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('word')).toBe(true);
    expect(titleSlug('x'.repeat(200))).toHaveLength(80);
  });

  it('every name it makes passes the artifact route', () => {
    for (const title of ['Why the sky is blue', '🎉', 'word '.repeat(40), 'x'.repeat(200)]) {
      for (const name of Object.values(artifactNames(title))) expect(name).toMatch(ARTIFACT_NAME_PATTERN);
    }
    expect(artifactNames('Why the sky is blue')).toEqual({
      video: 'why-the-sky-is-blue.mp4',
      srt: 'why-the-sky-is-blue.srt',
      vtt: 'why-the-sky-is-blue.vtt',
      chapters: 'why-the-sky-is-blue-chapters.txt',
      thumbnail: 'why-the-sky-is-blue-thumbnail.jpg',
    });
  });
});
