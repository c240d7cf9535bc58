import { describe, expect, it } from 'vitest';
import { RenderSpecSchema } from '../../src-shared/spec.js';
import {
  DEFAULT_BACKGROUNDS,
  buildScenes,
  parseScript,
  type ScriptSection,
} from '../../src-main/pipeline/script-parser.js';

describe('parseScript', () => {
  const cases: [string, string, ScriptSection[]][] = [
    [
      'one scene',
      '# Sunlight\nSunlight holds every colour.',
      [{ heading: 'Sunlight', narration: 'Sunlight holds every colour.', subheadings: [] }],
    ],
    [
      'two scenes (the API example)',
      '# Sunlight\nSunlight holds every colour.\n\n# Scattering\nAir scatters blue light most.',
      [
        { heading: 'Sunlight', narration: 'Sunlight holds every colour.', subheadings: [] },
        { heading: 'Scattering', narration: 'Air scatters blue light most.', subheadings: [] },
      ],
    ],
    [
      'wrapped lines join, paragraphs stay apart',
      '# A\nline one\nline two\n\n\nsecond   paragraph\n',
      [{ heading: 'A', narration: 'line one line two\n\nsecond paragraph', subheadings: [] }],
    ],
    [
      'text before the first heading is a scene',
      'Intro words.\n# B\nBody',
      [
        { heading: '', narration: 'Intro words.', subheadings: [] },
        { heading: 'B', narration: 'Body', subheadings: [] },
      ],
    ],
    ['heading without text', '# Only a title', [{ heading: 'Only a title', narration: '', subheadings: [] }]],
    [
      'CRLF line ends',
      '# A\r\nx\r\n# B\r\ny',
      [
        { heading: 'A', narration: 'x', subheadings: [] },
        { heading: 'B', narration: 'y', subheadings: [] },
      ],
    ],
    [
      '## is an on-screen sub-heading, not a scene and not narration',
      '# A\nintro\n## Sub **bold**\nbody',
      [{ heading: 'A', narration: 'intro\n\nbody', subheadings: [{ text: 'Sub bold', offset: 7 }] }],
    ],
    [
      'inline markdown in headings and narration is neither read nor shown',
      '# The **deep** _sea_\nSee [the map](https://x.y) and `code`.',
      [{ heading: 'The deep sea', narration: 'See the map and code.', subheadings: [] }],
    ],
    [
      'closing hashes and spaces are trimmed',
      '#   Title ##  \nx',
      [{ heading: 'Title', narration: 'x', subheadings: [] }],
    ],
    ['#NoSpace still a heading', '#Tight\nx', [{ heading: 'Tight', narration: 'x', subheadings: [] }]],
    ['blank script has no scenes', '\n  \n\n', []],
    ['empty heading lines are dropped', '#\n\n# B\nb', [{ heading: 'B', narration: 'b', subheadings: [] }]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(parseScript(text)).toEqual(expected);
  });
});

describe('buildScenes', () => {
  it('numbers scenes from 1 and cycles default backgrounds', () => {
    const spec = RenderSpecSchema.parse({ title: 't', script: '# A\na\n# B\nb' });
    expect(buildScenes(spec)).toEqual([
      { index: 1, heading: 'A', narration: 'a', background: DEFAULT_BACKGROUNDS[0] },
      { index: 2, heading: 'B', narration: 'b', background: DEFAULT_BACKGROUNDS[1] },
    ]);
  });

  it('keeps explicit scenes with their duration, colour and image', () => {
    const spec = RenderSpecSchema.parse({
      title: 't',
      scenes: [{ heading: ' H ', narration: 'n', durationSec: 4, background: '#112233', image: '/x.png' }, {}],
    });
    expect(buildScenes(spec)).toEqual([
      {
        index: 1,
        heading: 'H',
        narration: 'n',
        durationSec: 4,
        background: '#112233',
        image: '/x.png',
        motion: 'ken-burns',
        fit: 'cover',
      },
      { index: 2, heading: '', narration: '', background: DEFAULT_BACKGROUNDS[1] },
    ]);
  });

  it('an image scene keeps its own motion and fit; markdown in explicit scenes is stripped too', () => {
    const spec = RenderSpecSchema.parse({
      title: 't',
      scenes: [
        { heading: '**Big**', narration: 'One.\n## Part two\n- Two.', image: '/x.png', motion: 'none', fit: 'contain' },
      ],
    });
    expect(buildScenes(spec)).toEqual([
      expect.objectContaining({
        heading: 'Big',
        narration: 'One.\n\nTwo.',
        subheadings: [{ text: 'Part two', offset: 6 }],
        motion: 'none',
        fit: 'contain',
      }),
    ]);
  });
});
