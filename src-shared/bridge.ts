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
  /**
   * Calls `listener` with a job id when the user clicks that job's desktop notification
   * ("open this job"). Returns an unsubscribe. Optional: older bridges may lack it.
   */
  onOpenJob?(listener: (jobId: string) => void): () => void;
}
