import type { Artifact } from '../../../src-shared/job.js';
import { api, bridge } from '../../api/client.js';
import { formatBytes } from '../../format/format.js';

/**
 * The finished video, streamed from the server (Range requests let it seek), and every file the
 * job made, each a download that keeps its name.
 */
export function OutputVideo(props: {
  jobId: string;
  title: string;
  artifacts: readonly Artifact[];
  /** Only a completed job's video is whole. */
  showPlayer: boolean;
}) {
  const video = props.showPlayer
    ? props.artifacts.find((a) => a.type.startsWith('video') || a.name.endsWith('.mp4'))
    : undefined;
  const b = bridge();
  return (
    <section className="panel" aria-labelledby="output-heading">
      <h3 id="output-heading">Files</h3>
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
            <span className="artifact__name">{a.name}</span>{' '}
            <span className="muted">
              {a.type}, {formatBytes(a.sizeBytes)}
            </span>{' '}
            <a href={api().artifactUrl(props.jobId, a.name)} download={a.name} aria-label={`Download ${a.name}`}>
              Download
            </a>
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
