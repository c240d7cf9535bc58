/**
 * The codes a job's `error` (and its `job-failed` event) and its warnings carry: stable strings a
 * client may switch on, listed once like the HTTP error codes in constants.ts.
 */
export const JOB_ERROR_CODES = [
  /** ffmpeg could not encode a scene clip. */
  'ENCODE_FAILED',
  /** ffmpeg could not join the clips into the output. */
  'RENDER_FAILED',
  /** A child process exited with an error (a step that names no better code). */
  'PROCESS_FAILED',
  /** A child process could not be started at all. */
  'SPAWN_FAILED',
  /** ffmpeg could not make a scene thumbnail. */
  'THUMBNAIL_FAILED',
  /** ffmpeg could not mix the narration with the music. */
  'MIX_FAILED',
  /** The output file is not a complete video (checked after the render). */
  'OUTPUT_INCOMPLETE',
  /** The text-to-speech engine failed. */
  'TTS_FAILED',
  'FFMPEG_NOT_FOUND',
  'FFMPEG_UNUSABLE',
  'FONT_MISSING',
  'IMAGE_UNREADABLE',
  'AUDIO_UNREADABLE',
  /** The script has nothing to say. */
  'SCRIPT_EMPTY',
  /** A step's input from an earlier step is gone. */
  'STEP_INPUT_MISSING',
  /** A step threw something that was not a StepError. */
  'STEP_FAILED',
  'DISK_FULL',
  'STORAGE_READ_ONLY',
  /** A step made no progress for the stall timeout and was stopped. */
  'STALLED',
  /** The job's own state could not be written. */
  'WRITE_FAILED',
  /** Aura Studio stopped while the job ran (auto-resume off). */
  'INTERRUPTED',
  /** The job's record could not be read. */
  'JOB_DAMAGED',
  /** The job's folder or temp folder vanished while it ran. */
  'JOB_FILES_MISSING',
  /** A child process could not be started for want of resources (EMFILE, ENOMEM, EAGAIN): retry later. */
  'SPAWN_FAILED',
  /** A clip or the joined video is not a complete MP4 of the expected length. */
  'OUTPUT_INCOMPLETE',
  /** The audio mix (music bed, loudness) could not be made. */
  'MIX_FAILED',
  /** The thumbnail could not be taken. */
  'THUMBNAIL_FAILED',
] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

export const JOB_WARNING_CODES = [
  /** A step has been silent past the stall warning. */
  'STALL_SUSPECTED',
  /** Aura Studio stopped while the job ran; it resumed from its last checkpoint. */
  'INTERRUPTED',
  /** No voice was found: the narration is silent. */
  'VOICE_UNAVAILABLE',
  /** The requested hardware video encoder does not work here: libx264 is used instead. */
  'ENCODER_UNAVAILABLE',
  /** The job's record could not be read; it was rebuilt from its event log and files. */
  'RECORD_REBUILT',
] as const;
export type JobWarningCode = (typeof JOB_WARNING_CODES)[number];
