import { FfmpegPicker } from '../desktop/FfmpegPicker.js';
import { QueueControls } from './QueueControls.js';
import { SettingsForm } from './SettingsForm.js';
import { StoragePanel } from './StoragePanel.js';

/** The machine: the queue switch, disk use and the engine settings. */
export function MachinePage() {
  return (
    <div className="machine">
      <div className="machine__col">
        <QueueControls />
        <StoragePanel />
        <FfmpegPicker />
      </div>
      <SettingsForm />
    </div>
  );
}
