import { useId, type ReactNode } from 'react';

/** What a control inside a Field needs to be labelled and described. */
export interface FieldControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean;
}

/**
 * A labelled control with its help text and its error, wired by id so a screen reader reads the
 * error with the field, and the label names the control.
 */
export function Field(props: {
  label: string;
  /** Read by screen readers (and found by label) before the visible label: "Scene 2 " + "heading". */
  hiddenPrefix?: string;
  help?: ReactNode;
  error?: string | undefined;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const helpId = props.help ? `${id}-help` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {props.hiddenPrefix && <span className="visually-hidden">{props.hiddenPrefix}</span>}
        {props.label}
      </label>
      {props.children({ id, 'aria-describedby': describedBy, 'aria-invalid': Boolean(props.error) })}
      {props.error && (
        <p className="field__error" id={errorId}>
          {props.error}
        </p>
      )}
      {props.help && (
        <div className="field__help" id={helpId}>
          {props.help}
        </div>
      )}
    </div>
  );
}
