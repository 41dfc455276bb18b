import type { ConsolePreviewFieldsFragment } from '../gql/graphql';
import { Json } from './common';

/**
 * What a provisioning or sign-in would do (or, `done`, did: a test sign-in that was not a dry run):
 * the user, each rule's outcome, the error.
 */
export function PreviewResult({ preview, title, done = false }: { preview: ConsolePreviewFieldsFragment; title: string; done?: boolean }) {
  return (
    <section className="preview" aria-label={title}>
      {preview.error ? (
        <div className="error" role="alert">
          <strong>{done ? 'Failed:' : 'Would fail:'}</strong> {preview.error.message} <code className="reason">{preview.error.reason}</code>
          {preview.error.field ? <span> (field {preview.error.field})</span> : null}
        </div>
      ) : (
        <p role="status">
          {done
            ? preview.created
              ? 'A new user was created.'
              : 'The existing user was updated.'
            : preview.created
              ? 'A new user would be created.'
              : 'An existing user would be updated.'}
        </p>
      )}
      {preview.skippedFields.length ? <p>Not written (a more authoritative source owns them): {preview.skippedFields.join(', ')}</p> : null}
      {preview.refusedAttributes.length ? (
        <ul>
          {preview.refusedAttributes.map((r) => (
            <li key={r.field}>
              {r.field}: {r.message} <code>{r.reason}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {preview.user ? (
        <>
          <h4>Resulting user</h4>
          <Json value={preview.user} label="Resulting user" />
        </>
      ) : null}
      <h4>Mapping rules</h4>
      <table>
        <caption className="sr-only">What each mapping rule did</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Target</th>
            <th scope="col">Origin</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {preview.rules.map((r) => (
            <tr key={r.index} className={r.fired ? 'fired' : 'idle'}>
              <td>
                <code>{r.source}</code>
              </td>
              <td>
                <code>{r.target}</code>
              </td>
              <td>{r.origin}</td>
              <td>{r.fired ? <code>{JSON.stringify(r.value)}</code> : <span className="muted">{r.note}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
