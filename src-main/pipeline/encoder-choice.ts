import type { RenderSpec } from '../../src-shared/spec.js';
import { QUALITY } from './encode-args.js';
import { runProcess } from './process-runner.js';

type Requested = RenderSpec['output']['encoder'];
type Quality = RenderSpec['output']['quality'];
type Hardware = Exclude<Requested, 'auto' | 'software'>;

/** ffmpeg's H.264 encoder for each hardware family. */
export const HARDWARE_CODECS: Record<Hardware, string> = {
  nvenc: 'h264_nvenc',
  qsv: 'h264_qsv',
  videotoolbox: 'h264_videotoolbox',
  amf: 'h264_amf',
};

/** Which hardware families `auto` tries on each platform, best first. */
const AUTO_ORDER: Partial<Record<NodeJS.Platform, Hardware[]>> = {
  darwin: ['videotoolbox'],
  win32: ['nvenc', 'qsv', 'amf'],
  linux: ['nvenc', 'qsv'],
};

/** The encoder a render uses, and why (logged as it is). */
export interface EncoderDecision {
  /** ffmpeg's codec name: `libx264` or a hardware one. */
  codec: string;
  reason: string;
  /** Set when an explicitly requested hardware encoder could not be used. */
  fallback?: string;
}

/** What was found out about the machine: encoders the binary lists, and which passed a one-frame test encode. */
export interface EncoderProbe {
  listed: ReadonlySet<string>;
  works: (codec: string) => boolean;
}

/**
 * Picks the H.264 encoder. Pure over the probe's results: `software` is libx264; a named family
 * is used when its encoder is listed and really encodes, else libx264 with the reason in
 * `fallback`; `auto` takes the first working family for the platform, else libx264.
 */
export function chooseEncoder(requested: Requested, probe: EncoderProbe, platform: NodeJS.Platform): EncoderDecision {
  if (requested === 'software') return { codec: 'libx264', reason: 'software encoding was asked for' };
  const usable = (family: Hardware): string | undefined => {
    const codec = HARDWARE_CODECS[family];
    if (!probe.listed.has(codec)) return `this ffmpeg has no ${codec} encoder`;
    if (!probe.works(codec)) return `${codec} is listed but a test encode failed (no such hardware or driver here)`;
    return undefined;
  };
  if (requested !== 'auto') {
    const problem = usable(requested);
    if (problem === undefined)
      return { codec: HARDWARE_CODECS[requested], reason: `${requested} was asked for and works` };
    return { codec: 'libx264', reason: `${requested} was asked for, but ${problem}`, fallback: problem };
  }
  const tried: string[] = [];
  for (const family of AUTO_ORDER[platform] ?? []) {
    const problem = usable(family);
    if (problem === undefined) return { codec: HARDWARE_CODECS[family], reason: `auto: ${family} works here` };
    tried.push(problem);
  }
  return {
    codec: 'libx264',
    reason: tried.length ? `auto: no hardware encoder works (${tried.join('; ')})` : 'auto: no hardware encoder to try',
  };
}

/** The video codec arguments for `codec` at `quality` (the same for every clip, so the join can copy). */
export function videoCodecArgs(codec: string, quality: Quality, threads: number): string[] {
  const q = QUALITY[quality];
  switch (codec) {
    case 'libx264':
      return [
        '-c:v',
        'libx264',
        '-preset',
        q.preset,
        '-crf',
        String(q.crf),
        ...(threads > 0 ? ['-threads', String(threads)] : []),
      ];
    case 'h264_nvenc':
      return ['-c:v', codec, '-preset', 'p4', '-rc', 'vbr', '-cq', String(q.crf), '-b:v', '0'];
    case 'h264_qsv':
      return ['-c:v', codec, '-global_quality', String(q.crf)];
    case 'h264_videotoolbox':
      return ['-c:v', codec, '-q:v', String(100 - q.crf * 2)];
    default:
      return ['-c:v', codec, '-rc', 'cqp', '-qp_i', String(q.crf), '-qp_p', String(q.crf)];
  }
}

const tested = new Map<string, Promise<boolean>>();

/** A one-frame test encode with `codec` (cached per binary): listed is not the same as working. */
export function testEncode(ffmpeg: string, codec: string): Promise<boolean> {
  const key = `${ffmpeg}\0${codec}`;
  let result = tested.get(key);
  if (!result) {
    result = runProcess(
      ffmpeg,
      [
        ...['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'color=c=black:s=256x144:r=30:d=0.1'],
        ...['-frames:v', '1', '-pix_fmt', 'yuv420p', '-c:v', codec, '-f', 'null', '-'],
      ],
      { lowPriority: false, timeoutMs: 15_000 },
    ).then(
      () => true,
      () => false,
    );
    tested.set(key, result);
  }
  return result;
}

/** Lists the hardware H.264 encoders in `ffmpeg -encoders` output. Pure. */
export function listedHardwareEncoders(encodersText: string): Set<string> {
  return new Set(
    Object.values(HARDWARE_CODECS).filter((codec) =>
      new RegExp(`^\\s*[A-Z.|]{3,8}\\s+${codec}\\s`, 'm').test(encodersText),
    ),
  );
}

/** Probes the machine and decides (test encodes run only for listed encoders the platform could use). */
export async function decideEncoder(
  ffmpeg: string,
  requested: Requested,
  listed: ReadonlySet<string>,
  platform: NodeJS.Platform = process.platform,
): Promise<EncoderDecision> {
  if (requested === 'software') return chooseEncoder(requested, { listed, works: () => false }, platform);
  const works = new Map<string, boolean>();
  for (const codec of listed) works.set(codec, await testEncode(ffmpeg, codec));
  return chooseEncoder(requested, { listed, works: (codec) => works.get(codec) ?? false }, platform);
}
