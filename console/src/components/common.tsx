import { useId, useState, type ReactNode } from 'react';
import type { GraphQLFailure } from '../api/client';

/** Copies `value` to the clipboard; says so in a polite live region. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <span className="copy">
      <button type="button" className="secondary small" onClick={() => void copy()} aria-label={`Copy ${label}`}>
        Copy
      </button>
      <span role="status" className="copy-status">
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed: select the text and copy it' : ''}
      </span>
    </span>
  );
}

/** A value to paste elsewhere: its label, the value in monospace, and a copy button. */
export function CopyValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="copy-value">
      <span className="copy-label">{label}</span>
      <code data-testid={`value-${label}`}>{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  );
}

/** A secret the server returns once: shown with a copy button and the warning that it will not be shown again. */
export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  return (
    <section className="secret-once" aria-labelledby="secret-once-title" role="region">
      <h3 id="secret-once-title">{title}</h3>
      <p>
        <strong>Copy it now:</strong> it is shown only this once and cannot be read again.
      </p>
      <div className="copy-value">
        <code data-testid="secret">{secret}</code>
        <CopyButton value={secret} label={title} />
      </div>
      <button type="button" className="secondary" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}

export function ErrorNote({ error, what }: { error: GraphQLFailure | undefined; what?: string }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {what ? <strong>{what}: </strong> : null}
      {error.errors.map((e, i) => (
        <span key={i}>
          {e.message}
          {e.extensions?.reason ? (
            <code className="reason"> {e.extensions.reason}</code>
          ) : e.extensions?.code ? (
            <code className="reason"> {e.extensions.code}</code>
          ) : null}
        </span>
      ))}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function When({ at, never = '—' }: { at: string | null | undefined; never?: string }) {
  if (!at) return <span className="muted">{never}</span>;
  const d = new Date(at);
  return <time dateTime={at}>{d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}

/** A labelled input: the label is tied to the control by id, a hint by aria-describedby. */
export function TextField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: ReactNode;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint ? (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField<T extends string>(props: { label: string; value: T; options: readonly T[]; onChange: (v: T) => void; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)} aria-describedby={props.hint ? `${id}-hint` : undefined}>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      {props.hint ? (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="field check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** JSON shown as text (attributes, previews): never as HTML. */
export function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" aria-label={label} tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Says plainly that a part of the API this page needs is not on this server. */
export function Unavailable({ what, detail }: { what: string; detail?: string }) {
  return (
    <div className="unavailable" role="note">
      <strong>{what} is unavailable on this server.</strong> {detail ?? 'The API it needs is not part of this server’s GraphQL schema yet.'}
    </div>
  );
}
