import type { RenderSpec } from '../../../src-shared/spec.js';

/** What produced the video, read-only: the settings, then the script or the scene list. */
export function SpecPanel({ spec }: { spec: RenderSpec }) {
  const { output, voice } = spec;
  return (
    <section className="panel" aria-labelledby="spec-heading">
      <h3 id="spec-heading">What was asked for</h3>
      <dl className="spec">
        <dt>Size</dt>
        <dd>
          {output.width}×{output.height}, {output.fps} fps
        </dd>
        <dt>Quality</dt>
        <dd>{output.quality}</dd>
        <dt>Voice</dt>
        <dd>
          {voice.engine === 'none' ? 'silent' : `${voice.engine}, ${voice.voice}`}, {voice.rate} words a minute
        </dd>
      </dl>
      {spec.script !== undefined && (
        <pre className="spec__script" tabIndex={0} aria-label="Script">
          {spec.script}
        </pre>
      )}
      {spec.scenes && (
        <ol className="spec__scenes" aria-label="Scenes">
          {spec.scenes.map((scene, i) => (
            <li key={i}>
              <strong>{scene.heading || `Scene ${i + 1}`}</strong>
              {scene.durationSec !== undefined && <span className="muted"> · {scene.durationSec} s</span>}
              {scene.background && (
                <span className="muted">
                  {' '}
                  · <span className="swatch" style={{ background: scene.background }} aria-hidden="true" />
                  {scene.background}
                </span>
              )}
              {scene.image && <span className="muted"> · image {scene.image}</span>}
              {scene.narration && <p>{scene.narration}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
