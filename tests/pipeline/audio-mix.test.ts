import { describe, expect, it } from 'vitest';
import {
  isAudible,
  mixGraph,
  normaliseChain,
  normalisingGainDb,
  parseLoudnorm,
} from '../../src-main/pipeline/audio-mix.js';

/** What the bundled ffmpeg's loudnorm printed on a real 3 s espeak render. */
const REAL_PASS_ONE = `size=N/A time=00:00:02.96 bitrate=N/A speed=56.7x
[Parsed_loudnorm_2 @ 0x3dfce140]
{
	"input_i" : "-20.02",
	"input_tp" : "-5.51",
	"input_lra" : "0.00",
	"input_thresh" : "-30.02",
	"output_i" : "-19.70",
	"output_tp" : "-5.19",
	"output_lra" : "0.00",
	"output_thresh" : "-29.70",
	"normalization_type" : "linear",
	"target_offset" : "5.70"
}
`;

describe('loudness', () => {
  it('reads the first pass and turns it into one gain to -14 LUFS, then a limiter', () => {
    const measure = parseLoudnorm(REAL_PASS_ONE)!;
    expect(measure).toEqual({ inputI: -20.02, inputTp: -5.51, inputLra: 0, inputThresh: -30.02, targetOffset: 5.7 });
    expect(isAudible(measure)).toBe(true);
    expect(normalisingGainDb(measure)).toBe(6.02);
    expect(normaliseChain(measure)).toMatch(
      /^volume=6.02dB,aresample=192000,alimiter=limit=0.7943:.*,aresample=48000$/,
    );
  });

  it('silence (input_i -inf) or no JSON is nothing to normalise', () => {
    expect(isAudible(parseLoudnorm(REAL_PASS_ONE.replace('"-20.02"', '"-inf"')))).toBe(false);
    expect(isAudible(parseLoudnorm(REAL_PASS_ONE.replace('"-20.02"', '"-75.00"')))).toBe(false);
    expect(parseLoudnorm('no json here')).toBeUndefined();
  });
});

describe('mixGraph', () => {
  const music = { path: '/m/bed.mp3', volumeDb: -18, duck: true };
  it('narration alone passes through', () => {
    expect(mixGraph(10, undefined)).toBe('[0:a]aresample=48000,aformat=channel_layouts=stereo[mix]');
  });
  it('music is set to its volume, trimmed, faded in and out, ducked under the voice', () => {
    const graph = mixGraph(10, music);
    expect(graph).toContain('volume=-18dB,atrim=0:10,asetpts=PTS-STARTPTS,afade=t=in:d=1,afade=t=out:st=8.000:d=2');
    expect(graph).toContain('asplit=2[voice][key]');
    expect(graph).toContain('[bed][key]sidechaincompress=');
    expect(graph).toMatch(/\[voice\]\[ducked\]amix=inputs=2:duration=first.*\[mix\]$/);
  });
  it('without duck no compressor; a short video gets shorter fades', () => {
    const graph = mixGraph(2, { ...music, duck: false });
    expect(graph).not.toContain('sidechaincompress');
    expect(graph).toContain('afade=t=in:d=1,afade=t=out:st=1.000:d=1');
  });
});
