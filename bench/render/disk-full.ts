/**
 * bench:disk-full — many rounds of the real "disk fills mid-render" fault (a tmpfs data dir, a
 * filler grown until ENOSPC while scene clips are written, a random few KB given back so clips run
 * out in their header, media or trailer; then space freed and the job resumed). Counts how each
 * round ended; a job that completed short of its length is the bug this guards against.
 * Needs root (mount). `--rounds N` (default 40), `--json`.
 */
import { mountTmpfs } from '../../tests/helpers/tmpfs.js';
import { diskFullRound, type DiskFullRound } from '../../tests/pipeline/helpers/disk-full.js';
import { flag } from './shared.js';

const rounds = flag('rounds', 40);
const json = process.argv.includes('--json');
const mount = mountTmpfs(40);
const tally = new Map<string, number>();
const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
let trailerCases = 0;
let completedShort = 0;
let stuck = 0;
try {
  for (let i = 0; i < rounds; i++) {
    const leaveBytes = Math.floor(Math.random() * 24_000);
    const fillAfterScene = 1 + Math.floor(Math.random() * 5);
    const round: DiskFullRound = await diskFullRound(mount.dir, { scenes: 8, fillAfterScene, leaveBytes });
    count(`first ${round.firstEnd}`);
    count(`final ${round.finalEnd}`);
    if (round.trailerCase) trailerCases++;
    if (round.finalEnd === 'completed' && Math.abs((round.durationSec ?? 0) - round.expectedSec) > 1 / 30 + 1e-3)
      completedShort++;
    if (round.finalEnd !== 'completed') stuck++;
    if (!json)
      console.log(
        `round ${i + 1}: leave ${leaveBytes} B after scene ${fillAfterScene}: ${round.firstEnd} -> ${round.finalEnd}` +
          (round.durationSec !== undefined ? ` (${round.durationSec.toFixed(3)} s of ${round.expectedSec})` : '') +
          (round.trailerCase ? ' [trailer case]' : ''),
      );
  }
} finally {
  mount.cleanup();
}
const result = { rounds, outcomes: Object.fromEntries(tally), trailerCases, completedShort, notCompleted: stuck };
console.log(json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
process.exitCode = completedShort > 0 ? 1 : 0;
