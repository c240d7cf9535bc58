import { describe, expect, it } from 'vitest';
import {
  isAudible,
  mixGraph,
  normaliseChain,
  normalisingGainDb,
  parseLoudness,
} from '../../src-main/pipeline/audio-mix.js';

/** The end of what the bundled ffmpeg's ebur128 printed on a real 70 s render. */
const REAL_SUMMARY = `size=N/A time=00:01:10.70 bitrate=N/A speed= 499x
video:0kB audio:13232kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
[Parsed_ebur128_0 @ 0x291fda80] Summary:

  Integrated loudness:
    I:         -20.1 LUFS
    Threshold: -30.3 LUFS

  Loudness range:
    LRA:         1.2 LU
    Threshold: -40.3 LUFS
    LRA low:   -20.9 LUFS
    LRA high:  -19.7 LUFS
`;

describe('loudness', () => {
  it('reads the measuring pass and turns it into one gain to -14 LUFS, then a 2x-oversampled limiter', () => {
    const measure = parseLoudness(REAL_SUMMARY)!;
    expect(measure).toEqual({ integratedLufs: -20.1 });
    expect(isAudible(measure)).toBe(true);
    expect(normalisingGainDb(measure)).toBe(6.1);
    expect(normaliseChain(measure)).toMatch(/^volume=6.1dB,aresample=96000,alimiter=limit=0.7943:.*,aresample=48000$/);
  });

  it('silence (-70 LUFS, -inf) or no summary is nothing to normalise', () => {
    expect(isAudible(parseLoudness(REAL_SUMMARY.replace('-20.1 LUFS', '-70.0 LUFS')))).toBe(false);
    expect(isAudible(parseLoudness(REAL_SUMMARY.replace('-20.1 LUFS', '-inf LUFS')))).toBe(false);
    expect(parseLoudness('I: -20.0 LUFS but no summary')).toBeUndefined();
  });
});

describe('mixGraph', () => {
  const music = { path: '/m/bed.mp3', volumeDb: -18, duck: true };
  it('narration alone passes through', () => {
    expect(mixGraph(10, undefined)).toBe(
      '[0:a]aresample=48000:async=1:min_hard_comp=0.001:first_pts=0,aformat=channel_layouts=stereo[mix]',
    );
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
