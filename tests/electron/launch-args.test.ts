import { describe, expect, it } from 'vitest';
import { dataDirFlag } from '../../src-main/electron/launch-args.js';

describe('dataDirFlag', () => {
  it.each<[string[], string | undefined]>([
    [[], undefined],
    [['.'], undefined],
    [['.', '--data-dir', '/tmp/aura'], '/tmp/aura'],
    [['.', '--data-dir=/tmp/a b'], '/tmp/a b'],
    [['--data-dir='], undefined],
    [['--data-dir'], undefined],
    [['--data-dir', '--inspect'], undefined],
    [['--enable-logging', '--data-dir=C:\\Aura'], 'C:\\Aura'],
  ])('%j -> %s', (argv, expected) => {
    expect(dataDirFlag(argv)).toBe(expected);
  });
});
