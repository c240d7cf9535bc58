import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import {
  chooseEncoder,
  decideEncoder,
  listedHardwareEncoders,
  videoCodecArgs,
  type EncoderProbe,
} from '../../src-main/pipeline/encoder-choice.js';

const probe = (listed: string[], working: string[]): EncoderProbe => ({
  listed: new Set(listed),
  works: (codec) => working.includes(codec),
});
const none = probe([], []);
const nvencListedOnly = probe(['h264_nvenc', 'h264_qsv'], []);
const nvencWorks = probe(['h264_nvenc', 'h264_qsv'], ['h264_nvenc']);
const qsvWorks = probe(['h264_nvenc', 'h264_qsv'], ['h264_qsv']);
const mac = probe(['h264_videotoolbox'], ['h264_videotoolbox']);

describe('chooseEncoder (pure, over probe results)', () => {
  it.each([
    ['software', nvencWorks, 'linux', 'libx264', false],
    ['auto', none, 'linux', 'libx264', false],
    ['auto', nvencListedOnly, 'linux', 'libx264', false],
    ['auto', nvencWorks, 'linux', 'h264_nvenc', false],
    ['auto', qsvWorks, 'linux', 'h264_qsv', false],
    ['auto', qsvWorks, 'win32', 'h264_qsv', false],
    ['auto', probe(['h264_amf'], ['h264_amf']), 'win32', 'h264_amf', false],
    ['auto', probe(['h264_amf'], ['h264_amf']), 'linux', 'libx264', false],
    ['auto', mac, 'darwin', 'h264_videotoolbox', false],
    ['auto', nvencWorks, 'darwin', 'libx264', false],
    ['nvenc', nvencWorks, 'linux', 'h264_nvenc', false],
    ['nvenc', nvencListedOnly, 'linux', 'libx264', true],
    ['qsv', none, 'win32', 'libx264', true],
    ['videotoolbox', mac, 'darwin', 'h264_videotoolbox', false],
    ['amf', nvencWorks, 'win32', 'libx264', true],
  ] as const)('%s with %o on %s -> %s (fallback %s)', (requested, found, platform, codec, fellBack) => {
    const decision = chooseEncoder(requested, found, platform);
    expect(decision.codec).toBe(codec);
    expect(decision.fallback !== undefined).toBe(fellBack);
    expect(decision.reason.length).toBeGreaterThan(10);
  });

  it('says why auto fell back: listed but failing the test encode', () => {
    expect(chooseEncoder('auto', nvencListedOnly, 'linux').reason).toMatch(
      /h264_nvenc is listed but a test encode failed/,
    );
    expect(chooseEncoder('nvenc', none, 'linux').fallback).toMatch(/no h264_nvenc encoder/);
  });

  it('codec arguments: x264 keeps its preset and CRF, hardware gets a constant quality', () => {
    expect(videoCodecArgs('libx264', 'draft', 2)).toEqual([
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '30',
      '-threads',
      '2',
    ]);
    expect(videoCodecArgs('h264_nvenc', 'standard', 2)).toEqual([
      '-c:v',
      'h264_nvenc',
      '-preset',
      'p4',
      '-rc',
      'vbr',
      '-cq',
      '23',
      '-b:v',
      '0',
    ]);
  });
});

describe('the real probe on this machine (no GPU here)', () => {
  it('lists what the system ffmpeg has, test-encodes it, and falls back to libx264 saying why', async () => {
    const { stdout } = await execa('ffmpeg', ['-hide_banner', '-encoders']);
    const listed = listedHardwareEncoders(stdout);
    // h264_vaapi, h264_omx... are not families we offer; only the four are ever listed.
    expect([...listed].every((c) => ['h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_amf'].includes(c))).toBe(
      true,
    );
    const auto = await decideEncoder('ffmpeg', 'auto', listed, 'linux');
    expect(auto.codec).toBe('libx264');
    const nvenc = await decideEncoder('ffmpeg', 'nvenc', listed, 'linux');
    expect(nvenc.codec).toBe('libx264');
    expect(nvenc.fallback).toBeDefined();
  }, 60_000);
});
