/**
 * IPC channel names shared by the preload and the main process. Each OS action has its own
 * channel: there is no generic pass-through.
 */
export const IPC = {
  /** Sync, from the preload at start: `{ serverUrl, token }` or null for an untrusted sender. */
  bootstrap: 'aura:bootstrap',
  showArtifactInFolder: 'aura:show-artifact-in-folder',
  openArtifact: 'aura:open-artifact',
  openDataFolder: 'aura:open-data-folder',
  /** main → renderer: a notification was clicked, open this job. */
  openJob: 'aura:open-job',
  chooseImageFile: 'aura:choose-image-file',
  chooseMusicFile: 'aura:choose-music-file',
  chooseFarmFolder: 'aura:choose-farm-folder',
  chooseFfmpeg: 'aura:choose-ffmpeg',
  useDefaultFfmpeg: 'aura:use-default-ffmpeg',
  getFinishAction: 'aura:get-finish-action',
  setFinishAction: 'aura:set-finish-action',
  cancelFinishCountdown: 'aura:cancel-finish-countdown',
  /** main → renderer: the quit/sleep countdown ticked (FinishCountdown) or ended (null). */
  finishCountdown: 'aura:finish-countdown',
} as const;

/** What the bootstrap call answers a trusted window. */
export interface BootstrapInfo {
  serverUrl: string;
  token: string;
}
