import { useRoute } from '../../app/use-route.js';
import { JobDetailPage } from '../detail/JobDetailPage.js';
import { RenderForm } from '../form/RenderForm.js';
import { MachinePage } from '../machine/MachinePage.js';
import { QueuePanel } from '../queue/QueuePanel.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { Header } from './Header.js';
import { NoticeArea } from './NoticeArea.js';

/** The window: header, connection state, then the view the URL hash names. */
export function App() {
  const route = useRoute();
  return (
    <div className="app">
      <Header route={route} />
      <ConnectionBanner />
      <main className={`view view--${route.view}`}>
        {route.view === 'queue' && (
          <>
            <RenderForm />
            <QueuePanel />
          </>
        )}
        {route.view === 'job' && <JobDetailPage key={route.jobId} jobId={route.jobId} />}
        {route.view === 'machine' && <MachinePage />}
      </main>
      <NoticeArea />
      <ConfirmDialog />
    </div>
  );
}
