import { writeFile } from 'node:fs/promises';
import type { RenderSpec } from '../../src-shared/spec.js';
import { findOnPath } from './find-executable.js';
import { runProcess, type RunOptions } from './process-runner.js';
import { silentWav } from './wav.js';

type Voice = RenderSpec['voice'];

/** The text-to-speech tool a job actually uses. */
export type TtsEngine =
  | { kind: 'espeak'; path: string }
  | { kind: 'say'; path: string }
  | { kind: 'sapi'; path: string }
  | { kind: 'silence'; reason: string };

/**
 * Picks the TTS for a voice spec: espeak-ng on PATH, else `say` on macOS, else SAPI through
 * PowerShell on Windows, else silence (always for engine `none`).
 */
export async function chooseTts(voice: Voice, env: NodeJS.ProcessEnv = process.env): Promise<TtsEngine> {
  if (voice.engine === 'none') return { kind: 'silence', reason: 'voice engine "none"' };
  const espeak = (await findOnPath('espeak-ng', env)) ?? (await findOnPath('espeak', env));
  if (espeak) return { kind: 'espeak', path: espeak };
  if (voice.engine === 'auto' && process.platform === 'darwin') {
    const say = await findOnPath('say', env);
    if (say) return { kind: 'say', path: say };
  }
  if (voice.engine === 'auto' && process.platform === 'win32') {
    const ps = (await findOnPath('powershell', env)) ?? (await findOnPath('pwsh', env));
    if (ps) return { kind: 'sapi', path: ps };
  }
  return { kind: 'silence', reason: 'no text-to-speech engine was found (install espeak-ng)' };
}

/** Reading time at `rateWpm`, at least 2 s: the length of silent narration. */
export function estimateSpeechSec(text: string, rateWpm: number): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(2, (words / rateWpm) * 60);
}

/**
 * Speaks `text` (already written to `textPath`) into the WAV `outPath`. Text goes through a file,
 * never the command line, so length and quoting are never a problem.
 */
export async function synthesize(
  engine: TtsEngine,
  voice: Voice,
  text: string,
  textPath: string,
  outPath: string,
  run: Omit<RunOptions, 'failureCode' | 'suggestedActions'>,
): Promise<void> {
  const options: RunOptions = {
    ...run,
    failureCode: 'TTS_FAILED',
    suggestedActions: ['Check the voice name in the spec.', 'Or set the voice engine to "none" for silent narration.'],
  };
  if (engine.kind === 'silence' || text.trim() === '') {
    await writeFile(outPath, silentWav(estimateSpeechSec(text, voice.rate)));
    return;
  }
  await writeFile(textPath, text, 'utf8');
  switch (engine.kind) {
    case 'espeak':
      await runProcess(
        engine.path,
        ['-v', voice.voice, '-s', String(voice.rate), '-w', outPath, '-f', textPath],
        options,
      );
      return;
    case 'say': {
      // macOS voices have names, not language codes: only pass a name that is not a code like "en".
      const named = /^[a-z]{2,3}(-[a-z]{2})?$/i.test(voice.voice) ? [] : ['-v', voice.voice];
      const format = ['--file-format=WAVE', '--data-format=LEI16@22050'];
      await runProcess(
        engine.path,
        [...named, '-r', String(voice.rate), ...format, '-o', outPath, '-f', textPath],
        options,
      );
      return;
    }
    case 'sapi': {
      // SAPI's rate is -10..10 around ~170 wpm.
      const rate = Math.max(-10, Math.min(10, Math.round((voice.rate - 170) / 20)));
      const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
      const script = [
        'Add-Type -AssemblyName System.Speech',
        '$s = New-Object System.Speech.Synthesis.SpeechSynthesizer',
        `$s.Rate = ${rate}`,
        `$s.SetOutputToWaveFile(${quote(outPath)})`,
        `$s.Speak([IO.File]::ReadAllText(${quote(textPath)}))`,
        '$s.Dispose()',
      ].join('; ');
      await runProcess(engine.path, ['-NoProfile', '-NonInteractive', '-Command', script], options);
      return;
    }
  }
}
