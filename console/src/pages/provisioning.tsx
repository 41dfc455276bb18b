import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '../api/hooks';
import { CheckField, ErrorNote, Loading, SelectField, TextField } from '../components/common';
import { PreviewResult } from '../components/preview';
import type { ConsolePolicyQuery, MappingRuleInput, ProvisioningSource } from '../gql/graphql';
import { MappingsQuery, PolicyQuery, PreviewQuery, ResetMappingsMutation, SetMappingsMutation, SetPolicyMutation } from '../operations';

type Policy = ConsolePolicyQuery['provisioningPolicy'];

export function Provisioning({ organizationId, readOnly }: { organizationId: string; readOnly: boolean }) {
  return (
    <>
      <h1>Provisioning policy and attribute mappings</h1>
      <PolicyEditor organizationId={organizationId} readOnly={readOnly} />
      <MappingsEditor organizationId={organizationId} readOnly={readOnly} />
      <PreviewPanel organizationId={organizationId} />
    </>
  );
}

function PolicyEditor({ organizationId, readOnly }: { organizationId: string; readOnly: boolean }) {
  const policy = useQuery(PolicyQuery, { organizationId });
  const save = useMutation(SetPolicyMutation);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [seat, setSeat] = useState('');
  const [domains, setDomains] = useState('');
  const [precedence, setPrecedence] = useState('');
  const [seatNote, setSeatNote] = useState<string | null>(null);
  useEffect(() => {
    const p = policy.data?.provisioningPolicy;
    if (!p) return;
    setDraft(p);
    setSeat(p.seatLimit === null ? '' : String(p.seatLimit));
    setDomains(p.allowedEmailDomains.join(', '));
    setPrecedence(p.attributePrecedence.join(', '));
  }, [policy.data]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    // Number('1,000') is NaN, which JSON sends as null: the limit would be removed, not set
    const seatText = seat.trim();
    if (seatText !== '' && !/^\d{1,9}$/.test(seatText)) {
      setSeatNote(`The seat limit must be a whole number, digits only (such as 1000), or empty for unlimited; "${seatText}" is not one. Nothing was saved.`);
      return;
    }
    setSeatNote(null);
    const r = await save.run({
      organizationId,
      input: {
        mode: draft.mode,
        defaultRole: draft.defaultRole,
        reactivation: draft.reactivation,
        deactivationRemovesMemberships: draft.deactivationRemovesMemberships,
        groupPushProvisionsMembers: draft.groupPushProvisionsMembers,
        seatLimit: seatText === '' ? null : Number(seatText),
        allowedEmailDomains: domains
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean),
        sessionLifetimeSeconds: draft.sessionLifetimeSeconds,
        attributePrecedence: precedence
          .split(',')
          .map((d) => d.trim().toUpperCase())
          .filter(Boolean) as ProvisioningSource[],
      },
    });
    if (r) policy.reload();
  };
  return (
    <section aria-labelledby="policy">
      <h2 id="policy">Provisioning policy</h2>
      <ErrorNote error={policy.error} what="Reading the policy" />
      {!draft ? (
        <Loading what="the policy" />
      ) : (
        <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="policy">
          <div className="row">
            <SelectField
              label="Who creates users"
              value={draft.mode}
              options={['SCIM_AND_FIRST_LOGIN', 'SCIM', 'FIRST_LOGIN'] as const}
              onChange={(mode) => setDraft({ ...draft, mode })}
            />
            <SelectField
              label="Default role"
              value={draft.defaultRole}
              options={['VIEWER', 'MEMBER', 'EDITOR', 'ADMIN'] as const}
              onChange={(defaultRole) => setDraft({ ...draft, defaultRole })}
            />
            <SelectField
              label="Reactivation"
              value={draft.reactivation}
              options={['RESTORE', 'NEW_USER'] as const}
              onChange={(reactivation) => setDraft({ ...draft, reactivation })}
            />
          </div>
          <div className="row">
            <TextField label="Seat limit" value={seat} onChange={setSeat} hint="Maximum active users; empty for unlimited." />
            <TextField label="Allowed email domains" value={domains} onChange={setDomains} hint="Comma-separated; empty allows any (first-login users only)." />
            <TextField
              label="Session lifetime (seconds)"
              value={String(draft.sessionLifetimeSeconds)}
              onChange={(v) => setDraft({ ...draft, sessionLifetimeSeconds: Number(v) || 0 })}
            />
            <TextField
              label="Attribute precedence"
              value={precedence}
              onChange={setPrecedence}
              hint="Most authoritative first: SCIM, API and SAML, each once."
            />
          </div>
          <CheckField
            label="Deactivation removes group memberships"
            checked={draft.deactivationRemovesMemberships}
            onChange={(deactivationRemovesMemberships) => setDraft({ ...draft, deactivationRemovesMemberships })}
          />
          <CheckField
            label="Group pushes may create missing members"
            checked={draft.groupPushProvisionsMembers}
            onChange={(groupPushProvisionsMembers) => setDraft({ ...draft, groupPushProvisionsMembers })}
          />
          <p className="muted">Version {draft.version}. Group-to-role rules are kept as they are (set them with setProvisioningPolicy).</p>
          <button type="submit" disabled={readOnly || save.busy}>
            Save policy
          </button>
          {save.data && !save.error && !seatNote ? <span role="status"> Saved (version {save.data.setProvisioningPolicy.version}).</span> : null}
          {seatNote ? (
            <p className="error" role="alert">
              {seatNote}
            </p>
          ) : null}
          <ErrorNote error={save.error} what="Saving the policy" />
        </form>
      )}
    </section>
  );
}

function MappingsEditor({ organizationId, readOnly }: { organizationId: string; readOnly: boolean }) {
  const [source, setSource] = useState<'SAML' | 'SCIM'>('SAML');
  const mappings = useQuery(MappingsQuery, { organizationId, source });
  const save = useMutation(SetMappingsMutation);
  const reset = useMutation(ResetMappingsMutation);
  const [rulesText, setRulesText] = useState('');
  const [disabled, setDisabled] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const rulesId = useId();
  useEffect(() => {
    const m = mappings.data?.attributeMappings;
    if (!m) return;
    setRulesText(
      JSON.stringify(
        m.rules.map((r) => ({ source: r.source, target: r.target, transforms: r.transforms.map(stripNulls) })),
        null,
        2,
      ),
    );
    setDisabled(m.disabledDefaults.join(', '));
  }, [mappings.data]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let rules: MappingRuleInput[];
    try {
      rules = JSON.parse(rulesText || '[]') as MappingRuleInput[];
      if (!Array.isArray(rules)) throw new Error('the rules must be a JSON list');
    } catch (err) {
      setParseError(`The rules are not valid JSON: ${(err as Error).message}`);
      return;
    }
    setParseError(null);
    const disabledDefaults = disabled
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    if (await save.run({ organizationId, source, rules, disabledDefaults })) mappings.reload();
  };
  const m = mappings.data?.attributeMappings;
  return (
    <section aria-labelledby="mappings">
      <h2 id="mappings">Attribute mappings</h2>
      <SelectField label="Mappings of" value={source} options={['SAML', 'SCIM'] as const} onChange={setSource} />
      <ErrorNote error={mappings.error} what="Reading the mappings" />
      {!m ? (
        <Loading what="the mappings" />
      ) : (
        <>
          <table>
            <caption>Rules that run, in order{m.isDefault ? ' (the defaults)' : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Source attribute</th>
                <th scope="col">Target</th>
                <th scope="col">Transforms</th>
                <th scope="col">Origin</th>
              </tr>
            </thead>
            <tbody>
              {m.effectiveRules.map((r, i) => (
                <tr key={i}>
                  <td>
                    <code>{r.source}</code>
                  </td>
                  <td>
                    <code>{r.target}</code>
                  </td>
                  <td>{r.transforms.map((t) => t.kind).join(' → ')}</td>
                  <td>{r.origin}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="card" onSubmit={(e) => void submit(e)} aria-label="Edit the organization's own rules">
            <div className="field">
              <label htmlFor={rulesId}>Own rules (JSON list of {'{ source, target, transforms }'})</label>
              <textarea
                id={rulesId}
                rows={8}
                value={rulesText}
                onChange={(e) => setRulesText(e.target.value)}
                aria-describedby={`${rulesId}-hint`}
                spellCheck={false}
              />
              <p id={`${rulesId}-hint`} className="hint">
                Own rules come first and replace the default rules of the targets they name; transforms: TRIM, LOWER, UPPER, SPLIT, JOIN, DEFAULT,
                REGEX_EXTRACT, LOOKUP.
              </p>
            </div>
            <TextField
              label="Disabled defaults"
              value={disabled}
              onChange={setDisabled}
              hint="Targets whose default rules are off, comma-separated (e.g. groups)."
            />
            <div className="actions">
              <button type="submit" disabled={readOnly || save.busy}>
                Save mappings
              </button>
              <button
                type="button"
                className="secondary"
                disabled={readOnly || reset.busy}
                onClick={() => void reset.run({ organizationId, source }).then((r) => r && mappings.reload())}
              >
                Reset to defaults
              </button>
            </div>
            {parseError ? (
              <p className="error" role="alert">
                {parseError}
              </p>
            ) : null}
            <ErrorNote error={save.error} what="Saving the mappings" />
            <ErrorNote error={reset.error} what="Resetting the mappings" />
          </form>
        </>
      )}
    </section>
  );
}

const stripNulls = (t: Record<string, unknown>) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null && v !== undefined));

const SAMPLE_SAML = { firstName: ['Ada'], lastName: ['Lovelace'], email: ['ada@example.com'], groups: ['Everyone', 'engineering'] };
const SAMPLE_SCIM = { 'name.givenName': 'Ada', 'name.familyName': 'Lovelace', emails: [{ value: 'ada@example.com', type: 'work', primary: true }] };

function PreviewPanel({ organizationId }: { organizationId: string }) {
  const [source, setSource] = useState<'SAML' | 'SCIM'>('SAML');
  const [subject, setSubject] = useState('ada@example.com');
  const [attrs, setAttrs] = useState(JSON.stringify(SAMPLE_SAML, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const preview = useMutation(PreviewQuery);
  const attrsId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let attributes: Record<string, unknown>;
    try {
      attributes = JSON.parse(attrs) as Record<string, unknown>;
    } catch (err) {
      setParseError(`The attributes are not valid JSON: ${(err as Error).message}`);
      return;
    }
    setParseError(null);
    await preview.run({
      organizationId,
      source,
      input: source === 'SAML' ? { subject, attributes } : { userName: subject, attributes },
    });
  };
  return (
    <section aria-labelledby="preview">
      <h2 id="preview">Dry run</h2>
      <p className="muted">What a SCIM provisioning or a SAML sign-in would do with the saved policy and mappings. Nothing is written.</p>
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="preview">
        <div className="row">
          <SelectField
            label="Source"
            value={source}
            options={['SAML', 'SCIM'] as const}
            onChange={(s) => {
              setSource(s);
              setAttrs(JSON.stringify(s === 'SAML' ? SAMPLE_SAML : SAMPLE_SCIM, null, 2));
            }}
          />
          <TextField label={source === 'SAML' ? 'NameID (subject)' : 'userName'} value={subject} onChange={setSubject} />
        </div>
        <div className="field">
          <label htmlFor={attrsId}>Attributes (JSON)</label>
          <textarea id={attrsId} rows={6} value={attrs} onChange={(e) => setAttrs(e.target.value)} spellCheck={false} />
        </div>
        <button type="submit" disabled={preview.busy}>
          Preview
        </button>
        {parseError ? (
          <p className="error" role="alert">
            {parseError}
          </p>
        ) : null}
        <ErrorNote error={preview.error} what="Preview" />
      </form>
      {preview.data ? <PreviewResult preview={preview.data.previewProvisioning} title="Dry-run result" /> : null}
    </section>
  );
}
