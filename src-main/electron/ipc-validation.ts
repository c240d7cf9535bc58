/**
 * Validation of every IPC call the window makes: who sent it and what it carries. Pure (no
 * electron import), so it is tested in plain Node.
 */
import { ARTIFACT_NAME_PATTERN, JOB_ID_PATTERN } from '../../src-shared/constants.js';

/** The parts of an IPC event's sender that the checks look at. */
export interface SenderInfo {
  /** `event.senderFrame?.url`; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** The sender frame is the window's top frame (not an iframe). */
  isMainFrame: boolean;
  /** The sending webContents is our app window's. */
  isAppWindow: boolean;
}

/** True only for the app window's top frame showing a page of the loopback server. */
export function isTrustedSender(sender: SenderInfo, serverOrigin: string): boolean {
  if (!sender.isAppWindow || !sender.isMainFrame || !sender.frameUrl) return false;
  let origin: string;
  try {
    origin = new URL(sender.frameUrl).origin;
  } catch {
    return false;
  }
  return origin === serverOrigin;
}

/** A job's artifact, named the only way the renderer may name one. */
export interface ArtifactRef {
  jobId: string;
  name: string;
}

/** `[jobId, name]` when both are plain strings matching the shared patterns; null otherwise. */
export function parseArtifactArgs(args: readonly unknown[]): ArtifactRef | null {
  if (args.length !== 2) return null;
  const [jobId, name] = args;
  if (typeof jobId !== 'string' || !JOB_ID_PATTERN.test(jobId)) return null;
  if (typeof name !== 'string' || !ARTIFACT_NAME_PATTERN.test(name) || name.includes('..')) return null;
  return { jobId, name };
}

/** True when a call that takes no arguments got none. */
export function isEmptyArgs(args: readonly unknown[]): boolean {
  return args.length === 0;
}

/**
 * The artifact's path, only as the engine reports it: the renderer never names a path, and an
 * artifact the engine does not know (or whose file is gone) is refused.
 */
export function resolveArtifact(
  engine: { artifactPath(jobId: string, name: string): string | undefined },
  ref: ArtifactRef,
): string {
  const file = engine.artifactPath(ref.jobId, ref.name);
  if (!file) throw new Error(`No artifact "${ref.name}" for job ${ref.jobId}.`);
  return file;
}
