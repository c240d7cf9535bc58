/** What the desktop app does when the last queued render ends. */
export const FINISH_ACTIONS = ['nothing', 'notify', 'quit', 'sleep'] as const;
export type FinishAction = (typeof FINISH_ACTIONS)[number];

/** A countdown before quitting or sleeping, while it runs: the renderer shows it with a Cancel button. */
export interface FinishCountdown {
  action: 'quit' | 'sleep';
  secondsLeft: number;
}

/** The answer of the ffmpeg file picker: the saved setting, or that the user closed the dialog. */
export type FfmpegChoice = { ffmpegPath: string | null } | { canceled: true };

/**
 * The preload bridge the Electron window exposes as `window.aura`: the loopback server's
 * address and one function per OS action. Absent in a plain browser; every function after the
 * first three is optional, so a page checks for it before offering its action.
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
  /** The OS file dialog for a scene image: its absolute path, or null when closed. */
  chooseImageFile?(): Promise<string | null>;
  /** The OS file dialog for a music bed: its absolute path, or null when closed. */
  chooseMusicFile?(): Promise<string | null>;
  /** The OS folder dialog for a render farm's shared folder: its absolute path, or null when closed. */
  chooseFarmFolder?(): Promise<string | null>;
  /**
   * The absolute path of a file dropped on the page ('' when it has none, e.g. dragged from a web
   * page). Typed `object` because src-shared has no DOM types; the preload checks it is a File.
   */
  pathForFile?(file: object): string;
  /** The OS file dialog for an ffmpeg binary: main checks it is an executable file and saves it as `ffmpegPath`. */
  chooseFfmpeg?(): Promise<FfmpegChoice>;
  /** Clears `ffmpegPath`, so the bundled ffmpeg (or AURA_FFMPEG) is used again. */
  useDefaultFfmpeg?(): Promise<void>;
  /** What happens when the queue finishes (this session). */
  getFinishAction?(): Promise<FinishAction>;
  setFinishAction?(action: FinishAction): Promise<void>;
  /** Stops a running quit/sleep countdown; the app stays awake. */
  cancelFinishCountdown?(): Promise<void>;
  /** The countdown as it ticks (null when it ended or was canceled). Returns an unsubscribe. */
  onFinishCountdown?(listener: (countdown: FinishCountdown | null) => void): () => void;
}
