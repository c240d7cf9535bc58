import { FfmpegPicker } from '../desktop/FfmpegPicker.js';
import { FarmPanel } from './FarmPanel.js';
import { HealthWarnings } from './HealthWarnings.js';
import { QueueControls } from './QueueControls.js';
import { SettingsForm } from './SettingsForm.js';
import { StoragePanel } from './StoragePanel.js';
import { WorkersPanel } from './WorkersPanel.js';

/** The machine: what needs attention, the queue switch, the farm and its workers, disk use and the engine settings. */
export function MachinePage() {
  return (
    <div className="machine">
      <div className="machine__col">
        <HealthWarnings />
        <QueueControls />
        <FarmPanel />
        <WorkersPanel />
      </div>
      <div className="machine__col">
        <SettingsForm />
        <StoragePanel />
        <FfmpegPicker />
      </div>
    </div>
  );
}
