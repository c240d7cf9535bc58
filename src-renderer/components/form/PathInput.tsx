import { useState, type DragEvent } from 'react';
import { bridge } from '../../api/client.js';
import type { FieldControlProps } from './Field.js';

/**
 * An absolute file path: typed, dropped, or (in the desktop app) chosen in the OS dialog. A
 * browser never reveals where a dropped or picked file lives, so there a drop only says which
 * file to type the path of; the desktop preload answers the real path.
 */
export function PathInput(props: {
  control: FieldControlProps;
  value: string;
  onChange: (value: string) => void;
  kind: 'image' | 'music';
  placeholder: string;
}) {
  const [hint, setHint] = useState<string | null>(null);
  const aura = bridge();
  const choose = props.kind === 'image' ? aura?.chooseImageFile : aura?.chooseMusicFile;

  const onDrop = (event: DragEvent<HTMLInputElement>) => {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    // The form's own drop (import a script or spec) must not get this one.
    event.preventDefault();
    event.stopPropagation();
    const path = aura?.pathForFile?.(file) ?? '';
    if (path) {
      setHint(null);
      props.onChange(path);
    } else {
      setHint(`The browser does not say where “${file.name}” is: type its full path here.`);
    }
  };

  return (
    <div className="path-input">
      <div className="path-input__row">
        <input
          {...props.control}
          type="text"
          value={props.value}
          placeholder={props.placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setHint(null);
            props.onChange(e.target.value);
          }}
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes('Files')) e.preventDefault();
          }}
          onDrop={onDrop}
        />
        {choose && (
          <button
            type="button"
            className="button"
            onClick={() => {
              void choose().then((path) => path && props.onChange(path));
            }}
          >
            Choose…
          </button>
        )}
        {props.value && (
          <button type="button" className="button button--quiet" onClick={() => props.onChange('')}>
            Clear
          </button>
        )}
      </div>
      {hint && (
        <p className="path-input__hint" role="status">
          {hint}
        </p>
      )}
    </div>
  );
}
