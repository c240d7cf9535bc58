import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/api-client.js';
import { installApi } from './api/client.js';
import { resolveConnection } from './api/connection.js';
import { App } from './components/shell/App.js';
import { NoToken } from './components/shell/NoToken.js';
import { startGlobalStream } from './sse/global-stream.js';
import { queuePreviewed } from './store/app-store.js';
import './styles.css';

const connection = resolveConnection(window);
const root = createRoot(document.getElementById('root')!);

if (!connection.token) {
  root.render(<NoToken />);
} else {
  const client = createApiClient({ baseUrl: connection.baseUrl, token: connection.token });
  installApi(client, connection.bridge);
  startGlobalStream(client);
  // A big queue's snapshot takes a moment to arrive; the newest page paints first.
  client.queue({ limit: 50 }).then(queuePreviewed, () => undefined);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
