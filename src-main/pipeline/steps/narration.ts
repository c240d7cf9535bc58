import { mkdir, rename } from 'node:fs/promises';
import type { Step, StepContext } from '../../engine/step.js';
import { frameExact } from '../encode-args.js';
import { hashOf, jobFiles, readJson, removePartials, writeJson, type TimedScene } from '../job-files.js';
import { runPool } from '../parallel.js';
import type { Scene } from '../script-parser.js';
import { childOptions } from '../tools.js';
import { chooseTts, synthesize } from '../tts.js';
import { wavFileDuration } from '../wav-file.js';
import { availableParallelism } from 'node:os';

/** Shortest scene when neither narration nor the spec gives a length. */
export const MIN_SCENE_SEC = 2;

/** One WAV per scene (each a checkpoint), then timeline.json with every scene's length. */
export function narrationStep(weight: number): Step {
  return { name: 'narration', stage: 'Voice', weight, folders: [], run: narration };
}

async function narration(ctx: StepContext) {
  const files = jobFiles(ctx.tempDir);
  const scenes = await readJson<Scene[]>(files.scenes, 'scene list');
  const voice = ctx.spec.voice;
  const tts = await chooseTts(voice);
  if (tts.kind === 'silence' && voice.engine !== 'none') {
    ctx.warn('VOICE_UNAVAILABLE', `Narration will be silent: ${tts.reason}.`);
  }
  ctx.log.info(`Narration: ${tts.kind === 'silence' ? 'silence' : `${tts.kind} (${tts.path})`}`);
  await mkdir(files.narrationDir, { recursive: true });
  await removePartials(files.narrationDir, '.part.wav');

  let finished = 0;
  const report = () => ctx.progress((finished / scenes.length) * 100, `Scene ${finished} of ${scenes.length}`);
  await runPool(scenes, availableParallelism(), ctx.signal, async (scene, signal) => {
    const key = `narration-scene-${scene.index}`;
    const inputs = hashOf({ text: scene.narration, tts: tts.kind, voice: voice.voice, rate: voice.rate });
    const wav = files.narrationWav(scene.index);
    if (!(await ctx.checkpoint.isDone(key, inputs))) {
      // Written under another name first: a half-written WAV must never pass as finished.
      const part = `${wav}.${process.pid}.part.wav`;
      await synthesize(
        tts,
        voice,
        scene.narration,
        files.narrationText(scene.index),
        part,
        childOptions(ctx, `voice ${scene.index}`, signal),
      );
      await rename(part, wav);
      await ctx.checkpoint.markDone(key, inputs, [wav]);
    }
    finished++;
    report();
  });

  const timeline: TimedScene[] = [];
  for (const scene of scenes) {
    const audioSec = await wavFileDuration(files.narrationWav(scene.index));
    const clipSec = frameExact(scene.durationSec ?? Math.max(MIN_SCENE_SEC, audioSec), ctx.spec.output.fps);
    timeline.push({ ...scene, audioSec, clipSec });
  }
  await writeJson(files.timeline, timeline);
  ctx.progress(100);
  return { outputs: [files.timeline] };
}
