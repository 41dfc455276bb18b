import type { ConsoleSetupStepFragment } from '../gql/graphql';
import { CopyValue } from './common';

/** An identity provider's setup steps, in its own words and order, with a copy button on each of our values. */
export function SetupSteps({ steps, label }: { steps: ConsoleSetupStepFragment[]; label: string }) {
  return (
    <ol className="steps" aria-label={label}>
      {steps.map((s, i) => (
        <li key={i}>
          <h3>{s.title}</h3>
          {s.instructions.split(/\n+/).map((p, j) => (
            <p key={j}>{p}</p>
          ))}
          {s.values.map((v, j) =>
            v.placeholder ? (
              <div key={j} className="copy-value">
                <span className="copy-label">{v.label}</span>
                <em>{v.value}</em>
              </div>
            ) : (
              <CopyValue key={j} label={v.label} value={v.value} />
            ),
          )}
        </li>
      ))}
    </ol>
  );
}
