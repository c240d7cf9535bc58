import type { Settings } from '../../src-shared/settings.js';
import { SettingsPatchSchema } from '../../src-shared/settings.js';
import { HttpProblem } from './problem.js';

/**
 * Settings that name a program the engine executes. Whoever holds the token (or a `?token=` URL
 * seen over a shoulder) must not be able to make the next render run a file of their choosing, so
 * these are set only where the machine's owner acts: settings.json, the environment, or the
 * desktop app's native file picker (a validated IPC call in the main process).
 */
export const EXECUTABLE_SETTINGS = ['ffmpegPath'] as const satisfies ReadonlyArray<keyof Settings>;

const executable = new Set<string>(EXECUTABLE_SETTINGS);

/** PUT /api/settings body: any subset; program paths may only repeat their current value. */
export const SettingsPatchOverHttpSchema = SettingsPatchSchema.meta({
  description:
    `Any subset of the settings. ${EXECUTABLE_SETTINGS.join(', ')} name a program to run: sending a value other ` +
    'than the current one is refused with 403 FORBIDDEN (set it in settings.json, AURA_FFMPEG, or the desktop app).',
});

/** Refuses (403) a patch that would change a setting naming a program to execute; repeating the current value is fine. */
export function refuseExecutableChanges(patch: Partial<Settings>, current: Settings): void {
  const changed = Object.keys(patch).filter(
    (key) => executable.has(key) && patch[key as keyof Settings] !== current[key as keyof Settings],
  );
  if (changed.length === 0) return;
  throw new HttpProblem(
    'FORBIDDEN',
    `${changed.join(' and ')} names a program to run, so it cannot be changed over HTTP: set it in settings.json in ` +
      'the data folder (read at start-up), with the AURA_FFMPEG environment variable, or in the desktop app’s ' +
      'Machine view, which asks with the system’s file picker.',
    changed.map((path) => ({ path, message: 'cannot be changed over HTTP' })),
  );
}
