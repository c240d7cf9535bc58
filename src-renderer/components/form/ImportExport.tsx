import { useRef } from 'react';

/**
 * "Import…" (a script or a spec, by file picker), "Export spec" (the form as a spec file) and,
 * while there is something written, "Start over" (empties the content, keeps the settings).
 */
export function ImportExport(props: {
  onImport: (file: File) => void;
  onExport: () => void;
  onStartOver: (() => void) | null;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="actions import-export">
      <button type="button" className="button" onClick={() => input.current?.click()}>
        Import script or spec…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="File to import (.txt, .md, .json)"
        accept=".txt,.md,.markdown,.json,text/plain,text/markdown,application/json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) props.onImport(file);
          e.target.value = '';
        }}
      />
      <button type="button" className="button" onClick={props.onExport}>
        Export spec
      </button>
      {props.onStartOver && (
        <button type="button" className="button button--quiet" onClick={props.onStartOver}>
          Start over
        </button>
      )}
    </div>
  );
}
