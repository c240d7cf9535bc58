import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client.js';
import { installApi } from './api/client.js';
import { resolveConnection } from './api/connection.js';
import { startFarmWatch } from './app/farm-watch.js';
import { followOpenJobRequests } from './app/open-job.js';
import { startQueueWatchers } from './app/queue-watchers.js';
import { App } from './components/shell/App.js';
import { NoToken } from './components/shell/NoToken.js';
import { startGlobalStream } from './sse/global-stream.js';
import { queuePreviewed } from './store/app-store.js';
import './styles/index.css';

/** How long the first render waits for the first page of the queue. */
const PREVIEW_WAIT_MS = 300;

const connection = resolveConnection(window);
const root = createRoot(document.getElementById('root')!);

if (!connection.token) {
  root.render(<NoToken />);
} else {
  const client = createApiClient({ baseUrl: connection.baseUrl, token: connection.token });
  installApi(client, connection.bridge);
  // A click on a desktop notification opens that job; kept for the page's whole life.
  followOpenJobRequests(connection.bridge, window.location);
  startQueueWatchers();
  // Whether the engine is on a render farm, and whether the farm's Redis answers (Machine view, banner).
  startFarmWatch(client);
  // The newest page of the queue paints first, in the window's very first layout (the render
  // waits for it, at most PREVIEW_WAIT_MS). The stream's snapshot (every job: megabytes for a big
  // queue) is asked for right after, so it does not compete with that paint; it describes the
  // queue as of its own moment, so nothing is missed in between.
  const render = () =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  const preview = client.queue({ limit: 50 }).then(queuePreviewed, () => undefined);
  void Promise.race([preview, new Promise((resolve) => setTimeout(resolve, PREVIEW_WAIT_MS))]).then(render);
  void preview.then(() => requestAnimationFrame(() => startGlobalStream(client)));
}
