import { makeFolder } from './make-folder.js';
import type { Step, StepFolder } from './step.js';

const ALL_FOLDERS: readonly StepFolder[] = ['proxy', 'artifacts'];

/** Makes the folders `step` writes into (`Step.folders`, default both) that this attempt has not made yet. */
export async function makeFolders(
  step: Step,
  dirs: { proxyDir: string; artifactsDir: string },
  made: Set<StepFolder>,
): Promise<void> {
  const wanted = (step.folders ?? ALL_FOLDERS).filter((f) => !made.has(f));
  await Promise.all(wanted.map((f) => makeFolder(f === 'proxy' ? dirs.proxyDir : dirs.artifactsDir)));
  for (const f of wanted) made.add(f);
}
