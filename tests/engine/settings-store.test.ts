import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { corruptCopyName } from '../../src-main/engine/settings-store.js';
import { useEngineFixture } from '../helpers/engine-fixture.js';
import { testSteps } from '../helpers/test-steps.js';

const fx = useEngineFixture();
let engine: Engine | undefined;

const settingsFile = () => path.join(fx.dir, 'settings.json');
const corruptCopies = () => fs.readdirSync(fx.dir).filter((n) => n.startsWith('settings.json.corrupt-'));

describe('a corrupt settings.json', () => {
  it.each([
    ['not JSON', '{ "concurrency": 2, nope', /is not valid JSON/],
    ['a flipped byte', '{"concurrency":2,"stallWarningSeconds":6\u00000}', /is not valid JSON/],
    ['a wrong value', JSON.stringify({ concurrency: 'many' }), /invalid values \(concurrency: /],
    ['an unknown key', JSON.stringify({ concurency: 2 }), /invalid values/],
  ])('is reported as SETTINGS_CORRUPT (%s), left in place until a save keeps it aside', async (_, text, why) => {
    fs.writeFileSync(settingsFile(), text);
    engine = await fx.open({ steps: testSteps() });
    expect(engine.settings().concurrency).toBe(1);
    const [warning, ...more] = engine.warnings();
    expect(more).toEqual([]);
    expect(warning).toMatchObject({ code: 'SETTINGS_CORRUPT' });
    expect(warning!.message).toMatch(why);
    expect(warning!.message).toContain(settingsFile());
    // Nothing is touched before a save: the user may still fix the file by hand.
    expect(fs.readFileSync(settingsFile(), 'utf8')).toBe(text);
    expect(corruptCopies()).toEqual([]);

    await engine.updateSettings({ concurrency: 3 });
    const [copy] = corruptCopies();
    expect(fs.readFileSync(path.join(fx.dir, copy!), 'utf8')).toBe(text);
    expect(JSON.parse(fs.readFileSync(settingsFile(), 'utf8')).concurrency).toBe(3);
    expect(engine.warnings()[0]!.message).toContain(copy);

    // A second save does not make a second copy (the file is ours now).
    await engine.updateSettings({ concurrency: 2 });
    expect(corruptCopies()).toHaveLength(1);
    await engine.close();
    engine = await fx.open({ steps: testSteps() });
    expect(engine.warnings()).toEqual([]);
    expect(engine.settings().concurrency).toBe(2);
  });

  it('gives no warning for an absent or valid file', async () => {
    engine = await fx.open({ steps: testSteps() });
    expect(engine.warnings()).toEqual([]);
    await engine.updateSettings({ concurrency: 2 });
    await engine.close();
    engine = await fx.open({ steps: testSteps() });
    expect(engine.warnings()).toEqual([]);
    expect(corruptCopies()).toEqual([]);
  });

  it('names its copy by time, without characters Windows refuses', () => {
    expect(corruptCopyName('/d/settings.json', new Date('2026-12-01T09:05:07.123Z'))).toBe(
      '/d/settings.json.corrupt-2026-12-01T09-05-07.123Z',
    );
  });
});
