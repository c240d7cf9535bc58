import { describe, expect, it } from 'vitest';
import { chaptersOf, ffmetadata, youtubeChapters, youtubeTime } from '../../src-main/pipeline/chapters.js';

describe('chapters', () => {
  it('one per heading; a scene without one belongs to the chapter before; the first starts at 0', () => {
    const scenes = [
      { heading: '', clipSec: 3 },
      { heading: 'Light', clipSec: 10 },
      { heading: '', clipSec: 5 },
      { heading: 'Air', clipSec: 62.5 },
    ];
    expect(chaptersOf(scenes)).toEqual([
      { title: 'Light', startSec: 0, endSec: 18 },
      { title: 'Air', startSec: 18, endSec: 80.5 },
    ]);
    expect(chaptersOf([{ heading: '', clipSec: 2 }])).toEqual([]);
  });

  it.each([
    [0, '0:00'],
    [9.99, '0:09'],
    [61, '1:01'],
    [600, '10:00'],
    [3725, '1:02:05'],
  ])('youtubeTime(%d) = %s', (sec, text) => expect(youtubeTime(sec)).toBe(text));

  it('YouTube description lines and an ffmetadata file with escaped values', () => {
    const chapters = [
      { title: 'Why =; the #sky', startSec: 0, endSec: 12.3456 },
      { title: 'Back\\slash\nnewline', startSec: 12.3456, endSec: 70 },
    ];
    expect(youtubeChapters(chapters)).toBe('0:00 Why =; the #sky\n0:12 Back\\slash newline\n');
    expect(ffmetadata('A title = good', chapters)).toBe(
      [
        ';FFMETADATA1',
        'title=A title \\= good',
        '[CHAPTER]',
        'TIMEBASE=1/1000',
        'START=0',
        'END=12346',
        'title=Why \\=\\; the \\#sky',
        '[CHAPTER]',
        'TIMEBASE=1/1000',
        'START=12346',
        'END=70000',
        'title=Back\\\\slash newline',
        '',
      ].join('\n'),
    );
  });
});
