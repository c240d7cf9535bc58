import { useEffect, useState } from 'react';
import { api, bridge } from '../../api/client.js';
import { errorMessage } from '../../api/api-error.js';

/**
 * The ffmpeg program, chosen in the OS file dialog (desktop only): main checks the file and
 * saves the setting itself, since a program to run cannot be set over HTTP.
 */
export function FfmpegPicker() {
  const aura = bridge();
  const [current, setCurrent] = useState<string | null | undefined>(undefined);
  const [message, setMessage] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);

  useEffect(() => {
    if (!aura?.chooseFfmpeg) return;
    api()
      .settings()
      .then(
        (settings) => setCurrent(settings.ffmpegPath),
        () => setCurrent(null),
      );
  }, [aura]);

  if (!aura?.chooseFfmpeg || current === undefined) return null;
  const choose = async () => {
    setMessage(null);
    try {
      const choice = await aura.chooseFfmpeg!();
      if ('canceled' in choice) return;
      setCurrent(choice.ffmpegPath);
      setMessage({ text: 'Saved: the next render uses this ffmpeg.', tone: 'info' });
    } catch (error) {
      setMessage({
        text: errorMessage(error).replace(/^Error invoking remote method '[^']+': (Error: )?/, ''),
        tone: 'error',
      });
    }
  };
  const backToBundled = async () => {
    await aura.useDefaultFfmpeg?.();
    setCurrent(null);
    setMessage({ text: 'Saved: the bundled ffmpeg is used again.', tone: 'info' });
  };
  return (
    <section className="panel ffmpeg-picker" aria-labelledby="ffmpeg-picker-heading">
      <h3 id="ffmpeg-picker-heading">ffmpeg</h3>
      <p>{current ? <code>{current}</code> : 'The ffmpeg that comes with Aura Studio.'}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void choose()}>
          Choose ffmpeg…
        </button>
        {current && (
          <button type="button" className="button button--quiet" onClick={() => void backToBundled()}>
            Use the bundled ffmpeg
          </button>
        )}
      </div>
      {message && (
        <p className={message.tone === 'error' ? 'form-error' : 'muted'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
