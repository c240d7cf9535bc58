import { lazy, Suspense } from 'react';
import { useRoute } from '../../app/use-route.js';
import { FormColumn } from '../form/FormColumn.js';
import { QueuePanel } from '../queue/QueuePanel.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { FarmBanner } from './FarmBanner.js';
import { Header } from './Header.js';
import { NoticeArea } from './NoticeArea.js';

// The queue is what opens first: the other views load on first visit, keeping start-up small.
const JobDetailPage = lazy(() => import('../detail/JobDetailPage.js').then((m) => ({ default: m.JobDetailPage })));
const MachinePage = lazy(() => import('../machine/MachinePage.js').then((m) => ({ default: m.MachinePage })));

/** The window: header, connection state, then the view the URL hash names. */
export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <Header route={route} />
      <ConnectionBanner />
      <FarmBanner />
      <main className={`view view--${route.view}`}>
        {route.view === 'queue' && (
          <>
            <FormColumn />
            <QueuePanel />
          </>
        )}
        <Suspense fallback={<p role="status">Loading…</p>}>
          {route.view === 'job' && <JobDetailPage key={route.jobId} jobId={route.jobId} />}
          {route.view === 'machine' && <MachinePage />}
        </Suspense>
      </main>
      <NoticeArea />
      <ConfirmDialog />
    </div>
  );
}
