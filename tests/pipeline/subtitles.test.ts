import { describe, expect, it } from 'vitest';
import { cueTime, onTimeline, toSrt, toVtt } from '../../src-main/pipeline/subtitles.js';

describe('subtitles', () => {
  it.each([
    [0, ',', '00:00:00,000'],
    [1.2345, '.', '00:00:01.235'],
    [3661.5, ',', '01:01:01,500'],
    [-0.1, '.', '00:00:00.000'],
  ] as const)('cueTime(%d, %s) = %s', (sec, sep, text) => expect(cueTime(sec, sep)).toBe(text));

  const cues = onTimeline([
    { clipSec: 2, cues: [{ startSec: 0, endSec: 2.5, text: 'First words\nhere.' }] },
    {
      clipSec: 3,
      cues: [
        { startSec: 0, endSec: 1.5, text: 'Then --> these' },
        { startSec: 1.5, endSec: 3, text: '   ' },
      ],
    },
  ]);

  it('places scene cues on the video timeline, never past their scene', () => {
    expect(cues.map((c) => [c.startSec, c.endSec])).toEqual([
      [0, 2],
      [2, 3.5],
      [3.5, 5],
    ]);
  });

  it('writes SRT and WebVTT with the same cues; empty ones and "-->" in text left out', () => {
    expect(toSrt(cues)).toBe(
      '1\n00:00:00,000 --> 00:00:02,000\nFirst words here.\n\n2\n00:00:02,000 --> 00:00:03,500\nThen -> these\n',
    );
    expect(toVtt(cues)).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nFirst words here.\n\n00:00:02.000 --> 00:00:03.500\nThen -> these\n',
    );
  });
});
