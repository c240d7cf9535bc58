import type { Artifact } from '../../../src-shared/job.js';
import { api, bridge } from '../../api/client.js';
import { formatBytes } from '../../format/format.js';

/** The finished video, streamed from the server (Range requests let it seek), and the other files. */
export function OutputVideo(props: { jobId: string; title: string; artifacts: readonly Artifact[] }) {
  const video = props.artifacts.find((a) => a.type.startsWith('video') || a.name.endsWith('.mp4'));
  const b = bridge();
  return (
    <section className="panel" aria-labelledby="output-heading">
      <h3 id="output-heading">Output</h3>
      {video && (
        <video
          className="player"
          controls
          preload="metadata"
          src={api().artifactUrl(props.jobId, video.name)}
          aria-label={`Video: ${props.title}`}
        />
      )}
      <ul className="artifacts">
        {props.artifacts.map((a) => (
          <li key={a.name}>
            <a href={api().artifactUrl(props.jobId, a.name)} download={a.name}>
              {a.name}
            </a>{' '}
            <span className="muted">{formatBytes(a.sizeBytes)}</span>
            {b && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => void b.showArtifactInFolder(props.jobId, a.name)}
              >
                Show in folder
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
