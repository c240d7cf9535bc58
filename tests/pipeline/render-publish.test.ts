import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src-shared/job.js';
import { RenderSpecSchema, type RenderSpecInput } from '../../src-shared/spec.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { waitForEvent } from '../helpers/wait.js';
import { ESPEAK, renderToEnd } from './helpers/pipeline-engine.js';
import { usePipelineEngine } from './helpers/pipeline-fixture.js';

const fx = usePipelineEngine();
const media = makeTempDir('aura-music-');
afterAll(() => media.cleanup());

/**
 * Renders a spec to completion on a new engine (on this test's dir unless `dataDir` is given);
 * returns the job and a path maker for its artifacts.
 */
async function render(
  input: RenderSpecInput,
  dataDir?: string,
): Promise<{ job: Job; artifact: (name: string) => string }> {
  const engine = await fx.open({}, dataDir);
  const job = await renderToEnd(engine, input, 60_000);
  return { job, artifact: (name) => engine.artifactPath(job.jobId, name)! };
}

const tiny = { width: 160, height: 90, fps: 30, quality: 'draft' } as const;
const speech = ESPEAK ? ({ engine: 'espeak', voice: 'en', rate: 170 } as const) : ({ engine: 'none' } as const);

async function ffprobeJson(path: string, ...what: string[]) {
  const { stdout } = await execa('ffprobe', ['-v', 'error', '-of', 'json', ...what, path]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Integrated loudness and true peak by ffmpeg's ebur128 (the system build, a judge apart from the pipeline's). */
async function loudness(path: string): Promise<{ lufs: number; truePeak: number }> {
  const { stderr } = await execa('ffmpeg', ['-nostats', '-i', path, '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return {
    lufs: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]),
    truePeak: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]),
  };
}

/** Brightest minus darkest luma in a crop (`w:h:x:y`) of an image: near 0 for a flat colour. */
async function lumaRange(path: string, crop: string): Promise<number> {
  const { stderr } = await execa('ffmpeg', [
    ...['-nostats', '-i', path, '-vf', `crop=${crop},signalstats,metadata=print`, '-f', 'null', '-'],
  ]);
  const value = (key: string) => Number(new RegExp(`lavfi.signalstats.${key}=(\\d+)`).exec(stderr)![1]);
  return value('YMAX') - value('YMIN');
}

/** Mean level (dB) of a window of the sound, optionally only below `lowpassHz`. */
async function meanDb(path: string, fromSec: number, sec: number, lowpassHz?: number): Promise<number> {
  const filters = [...(lowpassHz ? Array(4).fill(`lowpass=f=${lowpassHz}`) : []), 'volumedetect'].join(',');
  const { stderr } = await execa('ffmpeg', [
    ...['-nostats', '-ss', String(fromSec), '-t', String(sec), '-i', path],
    ...['-af', filters, '-vn', '-f', 'null', '-'],
  ]);
  return Number(/mean_volume:\s*(-?[\d.]+) dB/.exec(stderr)![1]);
}

describe('what a creator publishes', () => {
  it('named after the title, title and chapters embedded, captions files, chapters file, thumbnail', async () => {
    const { job, artifact } = await render({
      title: 'Why the sky is blue?',
      scenes: [
        { heading: 'Sunlight', narration: 'Sunlight holds every colour. It is white.', durationSec: 1.5 },
        { heading: 'Air', narration: 'Air scatters blue light the most.', durationSec: 1 },
        { heading: '', narration: 'So the sky looks blue.', durationSec: 1 },
      ],
      voice: { engine: 'none' },
      output: tiny,
    });
    expect(job.artifacts.map((a) => [a.name, a.type])).toEqual([
      ['why-the-sky-is-blue.mp4', 'video/mp4'],
      ['why-the-sky-is-blue.srt', 'application/x-subrip'],
      ['why-the-sky-is-blue.vtt', 'text/vtt'],
      ['why-the-sky-is-blue-chapters.txt', 'text/plain'],
      ['why-the-sky-is-blue-thumbnail.jpg', 'image/jpeg'],
    ]);
    const video = artifact('why-the-sky-is-blue.mp4');
    const probed = (await ffprobeJson(video, '-show_chapters', '-show_format')) as {
      chapters: { start_time: string; end_time: string; tags: { title: string } }[];
      format: { duration: string; tags: { title: string } };
    };
    expect(probed.format.tags.title).toBe('Why the sky is blue?');
    expect(probed.chapters.map((c) => [c.tags.title, Number(c.start_time), Number(c.end_time)])).toEqual([
      ['Sunlight', 0, 1.5],
      ['Air', 1.5, 3.5],
    ]);
    expect(readFileSync(artifact('why-the-sky-is-blue-chapters.txt'), 'utf8')).toBe('0:00 Sunlight\n0:01 Air\n');

    // Both caption files parse (ffmpeg reads them as subtitles) and carry the scenes' timings.
    for (const name of ['why-the-sky-is-blue.srt', 'why-the-sky-is-blue.vtt']) {
      const subs = (await ffprobeJson(artifact(name), '-show_packets')) as {
        packets: { pts_time: string; duration_time: string }[];
      };
      const starts = subs.packets.map((p) => Number(p.pts_time));
      expect(starts[0]).toBe(0);
      expect(starts).toEqual(expect.arrayContaining([1.5, 2.5]));
      const last = subs.packets.at(-1)!;
      expect(Number(last.pts_time) + Number(last.duration_time)).toBeCloseTo(3.5, 2);
    }
    expect(readFileSync(artifact('why-the-sky-is-blue.srt'), 'utf8')).toContain('Air scatters blue light the most.');

    const thumb = (await ffprobeJson(artifact('why-the-sky-is-blue-thumbnail.jpg'), '-show_streams')) as {
      streams: { width: number; height: number; codec_name: string }[];
    };
    expect(thumb.streams[0]).toMatchObject({ width: 1280, height: 720, codec_name: 'mjpeg' });
    // The heading is on it, the captions are not: the lower part (where captions sit) is flat colour.
    expect(await lumaRange(artifact('why-the-sky-is-blue-thumbnail.jpg'), 'iw:ih*0.45:0:ih*0.55')).toBeLessThan(24);
    expect(await lumaRange(artifact('why-the-sky-is-blue-thumbnail.jpg'), 'iw:ih*0.3:0:0')).toBeGreaterThan(100);
  }, 90_000);

  it('captions "burn" and chapters off: no caption files, no chapters file, none embedded; 9:16 thumbnail', async () => {
    const { job, artifact } = await render({
      title: 'Shorts test',
      scenes: [
        { heading: 'One', narration: 'Words.', durationSec: 1 },
        { heading: 'Two', narration: 'More words.', durationSec: 1 },
      ],
      voice: { engine: 'none' },
      output: { width: 90, height: 160, fps: 30, quality: 'draft' },
      captions: 'burn',
      chapters: false,
      thumbnail: { scene: 1 },
    });
    expect(job.artifacts.map((a) => a.name)).toEqual(['shorts-test.mp4', 'shorts-test-thumbnail.jpg']);
    const probed = (await ffprobeJson(artifact('shorts-test.mp4'), '-show_chapters')) as { chapters: unknown[] };
    expect(probed.chapters).toEqual([]);
    const thumb = (await ffprobeJson(artifact('shorts-test-thumbnail.jpg'), '-show_streams')) as {
      streams: { width: number; height: number }[];
    };
    expect(thumb.streams[0]).toMatchObject({ width: 720, height: 1280 });
  }, 90_000);

  it('the soundtrack stays on its scenes: 12 joins lose no sound (no drift), audio as long as the picture', async () => {
    const { artifact } = await render({
      title: 'drift',
      scenes: Array.from({ length: 12 }, (_, i) => ({ heading: `S${i}`, narration: 'Words.', durationSec: 1.1 })),
      voice: { engine: 'none' },
      output: tiny,
    });
    const probed = (await ffprobeJson(artifact('drift.mp4'), '-show_streams')) as {
      streams: { codec_type: string; duration: string }[];
    };
    const duration = (type: string) => Number(probed.streams.find((s) => s.codec_type === type)!.duration);
    expect(duration('video')).toBeCloseTo(13.2, 2);
    expect(Math.abs(duration('audio') - duration('video'))).toBeLessThan(1 / 30);
  }, 90_000);

  it.skipIf(!ESPEAK)(
    'narration is normalised to -14 LUFS (+-1) with true peak at most -1 dBTP',
    async () => {
      const { artifact } = await render({
        title: 'loud',
        scenes: [
          { heading: 'A', narration: 'The quick brown fox jumps over the lazy dog, twice, without stopping.' },
          { heading: 'B', narration: 'Then it sits down in the warm grass and looks at the sky for a while.' },
        ],
        voice: speech,
        output: tiny,
      });
      const { lufs, truePeak } = await loudness(artifact('loud.mp4'));
      expect(lufs).toBeGreaterThanOrEqual(-15);
      expect(lufs).toBeLessThanOrEqual(-13);
      expect(truePeak).toBeLessThanOrEqual(-1);
    },
    90_000,
  );

  describe.skipIf(!ESPEAK)('a music bed', () => {
    let bed: string;
    beforeAll(async () => {
      // A 1.5 s 50 Hz hum: shorter than the video (so it must loop), and below the voice's pitch
      // so a low-pass isolates it from the speech.
      bed = join(media.dir, 'bed.m4a');
      await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=50:r=48000:d=1.5', '-c:a', 'aac', bed]);
    });
    const spec = (duck: boolean): RenderSpecInput => ({
      title: `music ${duck}`,
      scenes: [
        { heading: 'Quiet', narration: '', durationSec: 3 },
        {
          heading: 'Talk',
          narration: 'Now somebody talks over the music for a good while, on and on.',
          durationSec: 3,
        },
      ],
      voice: speech,
      output: tiny,
      music: { path: bed, volumeDb: -12, duck },
    });

    it('is audible in the silent scene, looped to the end, and ducked under speech (not without duck)', async () => {
      const ducked = await render(spec(true));
      const duckedFile = ducked.artifact('music-true.mp4');
      const quiet = await meanDb(duckedFile, 1.2, 1.2, 80);
      const underSpeech = await meanDb(duckedFile, 3.6, 1.5, 80);
      expect(quiet).toBeGreaterThan(-40);
      expect(quiet - underSpeech).toBeGreaterThan(6);
      const mixed = await loudness(duckedFile);
      expect(Math.abs(mixed.lufs - -14)).toBeLessThanOrEqual(1);
      expect(mixed.truePeak).toBeLessThanOrEqual(-1);
      await fx.engine.close();

      // The second render as the first: a new engine on an empty data dir.
      const plain = await render(spec(false), join(fx.dir, 'plain'));
      const plainFile = plain.artifact('music-false.mp4');
      const plainQuiet = await meanDb(plainFile, 1.2, 1.2, 80);
      const plainUnder = await meanDb(plainFile, 3.6, 1.5, 80);
      expect(Math.abs(plainQuiet - plainUnder)).toBeLessThan(3);
      // Looped: still there in the last second (the bed is 1.5 s long), fading out.
      expect(await meanDb(plainFile, 4.6, 0.4, 80)).toBeGreaterThan(-45);
    }, 120_000);

    it('a music path that is not audio fails preflight with AUDIO_UNREADABLE', async () => {
      const notAudio = join(media.dir, 'not-audio.mp3');
      await execa('sh', ['-c', `printf 'hello' > '${notAudio}'`]);
      const engine = await fx.open();
      const created = await engine.create(RenderSpecSchema.parse({ ...spec(true), music: { path: notAudio } }));
      const end = await waitForEvent(engine, (e) => e.jobId === created.jobId && e.type === 'job-failed', 30_000);
      expect(end.type === 'job-failed' && end.data.error).toMatchObject({
        code: 'AUDIO_UNREADABLE',
        message: expect.stringMatching(/music file .* is not an audio file/),
      });
      expect(existsSync(notAudio)).toBe(true);
    }, 60_000);
  });
});
