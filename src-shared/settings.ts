import { z } from 'zod';

/** settings.json: every field has a default, so an absent file means defaults. */
export const SettingsSchema = z.strictObject({
  schemaVersion: z.literal(1).default(1),
  /** How many jobs run at once. */
  concurrency: z.number().int().min(1).max(16).default(1),
  /** Jobs found `running` at start-up are re-queued and resumed. */
  autoResumeInterrupted: z.boolean().default(true),
  /** Explicit ffmpeg binary; null = AURA_FFMPEG, then the bundled one, then PATH. */
  ffmpegPath: z.string().min(1).nullable().default(null),
  stallWarningSeconds: z.number().min(1).max(3600).default(60),
  stallTimeoutSeconds: z.number().min(2).max(86_400).default(300),
  cleanupInitialDelayMinutes: z.number().min(0).max(1440).default(5),
  cleanupIntervalMinutes: z.number().min(1).max(10_080).default(60),
  tempRetentionHours: z.number().min(0).max(8760).default(24),
  proxyRetentionHours: z.number().min(0).max(8760).default(48),
  /** Idle SSE streams get a `: ping` comment this often. */
  ssePingSeconds: z.number().min(1).max(300).default(15),
  /** Scene clips encoded at once; 0 = derived from the CPU count. */
  maxParallelScenes: z.number().int().min(0).max(64).default(0),
  /** Cap for each job's job.log, in bytes. */
  jobLogMaxBytes: z
    .number()
    .int()
    .min(4096)
    .max(100 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  /** Join a render farm at the next start: its Redis URL (redis:// or rediss://); null = this machine alone. */
  farmRedisUrl: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .nullable()
    .default(null),
  /** The farm's shared folder as this machine mounts it (needed with farmRedisUrl). */
  farmSharedDir: z.string().min(1).nullable().default(null),
  /** How long a worker's hold on a job lasts without renewal: a dead worker's job moves on after about this long. */
  farmLockSeconds: z.number().min(1).max(3600).default(30),
  /** How often workers look for jobs whose worker stopped renewing its hold. */
  farmStalledCheckSeconds: z.number().min(0.5).max(3600).default(30),
  /** Global events the farm keeps for Last-Event-ID replay; past them a client gets a queue-snapshot. */
  farmEventRetention: z.number().int().min(100).max(10_000_000).default(100_000),
});
export type Settings = z.output<typeof SettingsSchema>;
/**
 * PUT /api/settings accepts any subset; the result is validated as a whole. The fields lose their
 * defaults here: `.partial()` alone would fill every absent field with its default, and a patch of
 * one setting would put all the others back to theirs (and leave a farm that was joined).
 */
export const SettingsPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(SettingsSchema.shape).map(([key, field]) => [key, field.removeDefault().optional()]),
  ) as {
    [K in keyof typeof SettingsSchema.shape]: z.ZodOptional<
      ReturnType<(typeof SettingsSchema.shape)[K]['removeDefault']>
    >;
  },
);
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
