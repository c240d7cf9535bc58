import { describe, expect, it } from 'vitest';
import { specFileName, specFileText } from '../../../src-renderer/form/export-spec.js';
import { formToSpec, specToForm } from '../../../src-renderer/form/form-spec.js';
import { importFile, titleFromFileName } from '../../../src-renderer/form/import-file.js';

const file = (name: string, text: string) => ({ name, size: Buffer.byteLength(text), text: async () => text });

describe('importFile', () => {
  it('reads a script, with a title from its file name', async () => {
    expect(await importFile(file('why-the-sky_is-blue.md', '# Sky\r\nBlue.'))).toEqual({
      kind: 'script',
      script: '# Sky\nBlue.',
      title: 'Why the sky is blue',
    });
    expect((await importFile(file('notes.TXT', 'plain'))).kind).toBe('script');
  });

  it('reads a spec as written', async () => {
    const spec = { title: 'S', script: 'x', output: { preset: 'shorts' } };
    expect(await importFile(file('s.json', JSON.stringify(spec)))).toEqual({ kind: 'spec', spec });
  });

  it.each([
    ['a picture', file('sky.png', 'x'), 'sky.png is not a script (.txt, .md) or a spec (.json).'],
    ['broken JSON', file('s.json', '{'), 's.json is not valid JSON, so it cannot be read as a spec.'],
    [
      'a spec with problems',
      file('s.json', JSON.stringify({ title: '', script: 'x', voice: { rate: 1 } })),
      's.json is not a spec Aura Studio can render: Give the video a title. Choose a speaking rate between 80 and 450 words per minute.',
    ],
    [
      'a huge file',
      { name: 'big.md', size: 2 * 1024 * 1024, text: async () => '' },
      'big.md is too big to be a script or a spec (over 1 MB).',
    ],
  ])('refuses %s with one sentence', async (_name, input, message) => {
    expect(await importFile(input)).toEqual({ kind: 'error', message });
  });
});

describe('exporting', () => {
  it.each([
    ['Why the sky is blue!', 'why-the-sky-is-blue.json'],
    ['  Café  Über ', 'cafe-uber.json'],
    ['', 'video.json'],
    ['???', 'video.json'],
  ])('%j is saved as %s', (title, name) => {
    expect(specFileName(title)).toBe(name);
  });

  it('writes a file that imports back into the same form', async () => {
    const spec = { title: 'Round', script: '# A\nx', output: { preset: 'square' as const }, captions: 'none' as const };
    const text = specFileText(formToSpec(specToForm(spec)));
    const imported = await importFile(file('round.json', text));
    expect(imported).toEqual({ kind: 'spec', spec });
  });

  it('titles from file names', () => {
    expect(titleFromFileName('a.b.txt')).toBe('A.b');
  });
});
