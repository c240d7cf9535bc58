import { execa } from 'execa';

/** One decoded video frame as packed RGB, with pixel access. */
export interface RgbFrame {
  width: number;
  height: number;
  /** [r, g, b] at (x, y). */
  at(x: number, y: number): [number, number, number];
}

/** Decodes the frame at `timeSec` of a video to raw RGB with the system ffmpeg. */
export async function frameAt(path: string, timeSec: number, width: number, height: number): Promise<RgbFrame> {
  const { stdout } = await execa(
    'ffmpeg',
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-ss', String(timeSec), '-i', path, '-frames:v', '1'].concat([
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ]),
    { encoding: 'buffer' },
  );
  const data = Buffer.from(stdout);
  if (data.length !== width * height * 3)
    throw new Error(`expected a ${width}x${height} frame, got ${data.length} bytes`);
  return {
    width,
    height,
    at: (x, y) => {
      const i = (y * width + x) * 3;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}

/** Mean absolute difference of two frames' channels (0..255). */
export function meanDifference(a: RgbFrame, b: RgbFrame): number {
  let sum = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const p = a.at(x, y);
      const q = b.at(x, y);
      sum += Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
    }
  }
  return sum / (a.width * a.height * 3);
}

/** Columns (x) holding at least one pixel that passes `test` within rows [top, bottom). */
export function columnsWhere(
  frame: RgbFrame,
  top: number,
  bottom: number,
  test: (rgb: [number, number, number]) => boolean,
): number[] {
  const columns: number[] = [];
  for (let x = 0; x < frame.width; x++) {
    for (let y = top; y < bottom; y++) {
      if (test(frame.at(x, y))) {
        columns.push(x);
        break;
      }
    }
  }
  return columns;
}
