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
      [{ heading: 'Sunlight', narration: 'Sunlight holds every colour.' }],
    ],
    [
      'two scenes (the API example)',
      '# Sunlight\nSunlight holds every colour.\n\n# Scattering\nAir scatters blue light most.',
      [
        { heading: 'Sunlight', narration: 'Sunlight holds every colour.' },
        { heading: 'Scattering', narration: 'Air scatters blue light most.' },
      ],
    ],
    [
      'wrapped lines join, paragraphs stay apart',
      '# A\nline one\nline two\n\n\nsecond   paragraph\n',
      [{ heading: 'A', narration: 'line one line two\n\nsecond paragraph' }],
    ],
    [
      'text before the first heading is a scene',
      'Intro words.\n# B\nBody',
      [
        { heading: '', narration: 'Intro words.' },
        { heading: 'B', narration: 'Body' },
      ],
    ],
    ['heading without text', '# Only a title', [{ heading: 'Only a title', narration: '' }]],
    [
      'CRLF line ends',
      '# A\r\nx\r\n# B\r\ny',
      [
        { heading: 'A', narration: 'x' },
        { heading: 'B', narration: 'y' },
      ],
    ],
    ['## is text, not a scene', '# A\n## sub\nbody', [{ heading: 'A', narration: '## sub body' }]],
    ['closing hashes and spaces are trimmed', '#   Title ##  \nx', [{ heading: 'Title', narration: 'x' }]],
    ['#NoSpace still a heading', '#Tight\nx', [{ heading: 'Tight', narration: 'x' }]],
    ['blank script has no scenes', '\n  \n\n', []],
    ['empty heading lines are dropped', '#\n\n# B\nb', [{ heading: 'B', narration: 'b' }]],
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
      { index: 1, heading: 'H', narration: 'n', durationSec: 4, background: '#112233', image: '/x.png' },
      { index: 2, heading: '', narration: '', background: DEFAULT_BACKGROUNDS[1] },
    ]);
  });
});
