/**
 * The preload bridge the Electron window exposes as `window.aura`: the loopback server's
 * address and one function per OS action. Absent in a plain browser.
 */
export interface AuraBridge {
  readonly serverUrl: string;
  readonly token: string;
  /** Reveals a job's artifact in the OS file manager. */
  showArtifactInFolder(jobId: string, artifactName: string): Promise<void>;
  /** Opens a job's artifact with the OS default player. */
  openArtifact(jobId: string, artifactName: string): Promise<void>;
  /** Opens the data folder in the OS file manager. */
  openDataFolder(): Promise<void>;
}
