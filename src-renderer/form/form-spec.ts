/**
 * The two conversions between the form and a render spec, pure and table-tested
 * (tests/renderer/form/form-spec.test.ts): `formToSpec` writes only what differs from the spec's
 * defaults, so a spec read into the form and written back is the same spec.
 */
import { DEFAULT_OUTPUT, OUTPUT_PRESETS, type RenderSpecInput } from '../../src-shared/spec.js';
import { CUSTOM_SIZE, DEFAULT_SIZE, isPresetId, otherSizeFor, sizeOf } from './presets.js';
import { DEFAULTS, INITIAL_FORM, newScene, type FormState, type SceneDraft } from './form-state.js';

type SceneSpec = NonNullable<RenderSpecInput['scenes']>[number];

/** '' → undefined, anything else → its number (NaN for junk: validation names the field). */
function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

function sceneToSpec(scene: SceneDraft): SceneSpec {
  const out: SceneSpec = { heading: scene.heading, narration: scene.narration };
  const duration = numberOrUndefined(scene.duration);
  if (duration !== undefined) out.durationSec = duration;
  if (scene.background) out.background = scene.background;
  if (scene.image) {
    out.image = scene.image;
    if (scene.motion !== DEFAULTS.motion) out.motion = scene.motion;
    if (scene.fit !== DEFAULTS.fit) out.fit = scene.fit;
  }
  return out;
}

/** The spec POST /api/render gets for this form. Checking it is the schema's and the server's job. */
export function formToSpec(form: FormState): RenderSpecInput {
  const spec: RenderSpecInput = { title: form.title };
  if (form.mode === 'script') spec.script = form.script;
  else spec.scenes = form.scenes.map(sceneToSpec);

  const voice: NonNullable<RenderSpecInput['voice']> = {};
  if (form.voiceEngine !== 'auto') voice.engine = form.voiceEngine;
  if (form.voiceName.trim() !== DEFAULTS.voiceName) voice.voice = form.voiceName.trim();
  const rate = numberOrUndefined(form.rate);
  if (rate !== undefined && rate !== DEFAULTS.rate) voice.rate = rate;
  if (Object.keys(voice).length > 0) spec.voice = voice;

  const output: NonNullable<RenderSpecInput['output']> = {};
  if (isPresetId(form.size)) output.preset = form.size;
  else Object.assign(output, sizeOf(form.size, { width: form.customWidth, height: form.customHeight }));
  const fps = numberOrUndefined(form.fps);
  if (fps !== undefined) output.fps = fps;
  if (form.quality !== 'standard') output.quality = form.quality;
  if (form.encoder !== 'auto') output.encoder = form.encoder;
  spec.output = output;

  const transitionSec = numberOrUndefined(form.transitionSec) ?? DEFAULTS.transitionSec;
  if (form.transition !== DEFAULTS.transition || transitionSec !== DEFAULTS.transitionSec) {
    spec.transition = { type: form.transition, durationSec: transitionSec };
  }
  if (form.musicPath.trim() !== '') {
    const music: NonNullable<RenderSpecInput['music']> = { path: form.musicPath.trim() };
    const volume = numberOrUndefined(form.musicVolumeDb);
    if (volume !== undefined && volume !== DEFAULTS.musicVolumeDb) music.volumeDb = volume;
    if (!form.musicDuck) music.duck = false;
    spec.music = music;
  }
  if (form.captions !== DEFAULTS.captions) spec.captions = form.captions;
  if (!form.chapters) spec.chapters = false;
  const thumbnail = numberOrUndefined(form.thumbnailScene);
  if (thumbnail !== undefined && thumbnail !== 0) spec.thumbnail = { scene: thumbnail };
  return spec;
}

function sceneFromSpec(scene: SceneSpec): SceneDraft {
  return newScene({
    heading: scene.heading ?? '',
    narration: scene.narration ?? '',
    background: scene.background ?? '',
    image: scene.image ?? '',
    motion: scene.motion ?? DEFAULTS.motion,
    fit: scene.fit ?? DEFAULTS.fit,
    duration: scene.durationSec === undefined ? '' : String(scene.durationSec),
  });
}

function sizeFromSpec(
  output: NonNullable<RenderSpecInput['output']>,
): Pick<FormState, 'size' | 'customWidth' | 'customHeight' | 'fps'> {
  const { width, height, preset } = output;
  // A job's stored spec has its size resolved (preset plus the preset's own numbers): still that preset.
  const presetSize = preset ? OUTPUT_PRESETS[preset] : undefined;
  const base = presetSize ?? DEFAULT_OUTPUT;
  const fps = output.fps === undefined || output.fps === base.fps ? '' : String(output.fps);
  const explicit =
    (width !== undefined && width !== presetSize?.width) || (height !== undefined && height !== presetSize?.height);
  if (explicit || (!preset && (width !== undefined || height !== undefined))) {
    // Explicit numbers win over a preset (API.md); a missing one keeps the default's.
    const w = width ?? base.width;
    const h = height ?? base.height;
    const defaultSize = w === DEFAULT_OUTPUT.width && h === DEFAULT_OUTPUT.height;
    const listed = otherSizeFor(w, h);
    const size = defaultSize ? DEFAULT_SIZE : listed ? listed.value : CUSTOM_SIZE;
    return { size, customWidth: String(w), customHeight: String(h), fps };
  }
  return {
    size: preset ?? DEFAULT_SIZE,
    customWidth: INITIAL_FORM.customWidth,
    customHeight: INITIAL_FORM.customHeight,
    fps,
  };
}

/** The form filled from a spec (an imported file, or a job's spec for "Edit & render again"). */
export function specToForm(spec: RenderSpecInput): FormState {
  const output = spec.output ?? {};
  const scenes = (spec.scenes ?? []).map(sceneFromSpec);
  return {
    ...INITIAL_FORM,
    title: spec.title,
    mode: spec.scenes !== undefined && spec.script === undefined ? 'scenes' : 'script',
    script: spec.script ?? '',
    scenes,
    ...sizeFromSpec(output),
    quality: output.quality ?? INITIAL_FORM.quality,
    encoder: output.encoder ?? INITIAL_FORM.encoder,
    voiceEngine: spec.voice?.engine ?? INITIAL_FORM.voiceEngine,
    voiceName: spec.voice?.voice ?? DEFAULTS.voiceName,
    rate: String(spec.voice?.rate ?? DEFAULTS.rate),
    musicPath: spec.music?.path ?? '',
    musicVolumeDb: String(spec.music?.volumeDb ?? DEFAULTS.musicVolumeDb),
    musicDuck: spec.music?.duck ?? true,
    transition: spec.transition?.type ?? DEFAULTS.transition,
    transitionSec: String(spec.transition?.durationSec ?? DEFAULTS.transitionSec),
    captions: spec.captions ?? DEFAULTS.captions,
    chapters: spec.chapters ?? true,
    thumbnailScene: String(spec.thumbnail?.scene ?? 0),
  };
}
