import { useState, type CSSProperties } from 'react';
import { api } from '../../api/client.js';
import { sceneCount, sceneThumbName } from './scene-count.js';
import type { RenderSpec } from '../../../src-shared/spec.js';

/** How many scenes get a thumbnail slot at most (a 500-scene spec shows the first ones). */
const MAX_THUMBS = 48;

/**
 * Scene thumbnails as the visuals step makes them. A missing one is tried again when the job's
 * visuals progress moves (`revision`), so they appear one by one without polling.
 */
export function SceneThumbnails(props: { jobId: string; spec: RenderSpec; revision: number }) {
  const count = Math.min(sceneCount(props.spec), MAX_THUMBS);
  const { width, height } = props.spec.output;
  // Each box has the video's own shape (a 9:16 short gets tall boxes, in narrower columns).
  const shape = {
    '--thumb-aspect': `${width} / ${height}`,
    '--thumb-min': `${thumbMinWidth(width, height)}px`,
  } as CSSProperties;
  return (
    <ul className="thumbs" aria-label="Scene previews" style={shape} data-aspect={`${width}:${height}`}>
      {Array.from({ length: count }, (_, i) => (
        <Thumb key={i} jobId={props.jobId} index={i} revision={props.revision} />
      ))}
    </ul>
  );
}

/** The narrowest a box may get: 120 px for a landscape video, less for a tall one, so it stays about as big. */
export function thumbMinWidth(width: number, height: number): number {
  return Math.round(width >= height ? 120 : Math.max(60, 120 * Math.sqrt(width / height)));
}

function Thumb(props: { jobId: string; index: number; revision: number }) {
  const [state, setState] = useState<{ loaded: boolean; failedAt: number | null }>({ loaded: false, failedAt: null });
  const label = `Scene ${props.index + 1}`;
  // Once loaded the URL stays put; before that each new revision is one more try.
  const showImg = state.loaded || state.failedAt !== props.revision;
  const src = api().proxyUrl(
    props.jobId,
    sceneThumbName(props.index),
    state.loaded ? {} : { r: String(props.revision) },
  );
  return (
    <li className="thumb">
      {showImg ? (
        <img
          src={src}
          alt={label}
          onLoad={() => setState({ loaded: true, failedAt: null })}
          onError={() => setState({ loaded: false, failedAt: props.revision })}
          hidden={!state.loaded}
        />
      ) : null}
      {!state.loaded && <span className="thumb__placeholder">{label}</span>}
    </li>
  );
}
