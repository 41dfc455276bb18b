import { useEffect, useRef, useState } from 'react';
import type { GraphQLFailure } from '../api/client';
import { loadProfiles, type Profile } from '../api/profiles';
import { useQuery } from '../api/hooks';
import { ErrorNote, Loading, When } from '../components/common';
import { OrganizationQuery, SamlConnectionQuery, SetupViewerQuery } from '../operations';
import { Link, usePath } from '../router';
import { SetupScim } from './setup-scim';
import { SetupSso } from './setup-sso';
import { SetupStatus } from './setup-status';

export type { Profile };

/**
 * Setup mode: the console opened by a setup link (`/admin/setup#<secret>`), limited to one
 * organization's SSO and/or SCIM setup. The link's secret is the bearer key of every operation; the
 * server decides what it may do (its scopes), the console only leaves out what it could not.
 */
export function SetupApp({ onSignOut }: { onSignOut: () => void }) {
  const path = usePath();
  const viewer = useQuery(SetupViewerQuery, {});
  const v = viewer.data?.viewer;
  const organizationId = v?.organizationId ?? '';
  const org = useQuery(OrganizationQuery, { id: organizationId }, { skip: !organizationId });
  const [profileList, setProfiles] = useState<Profile[]>([]);
  const [profilesError, setProfilesError] = useState<GraphQLFailure>();
  useEffect(() => {
    if (organizationId) loadProfiles(organizationId).then(setProfiles, setProfilesError);
  }, [organizationId]);
  // the guide opens on the identity provider the connection was set up with (a metadata upload sends
  // the chosen profile, so a later upload under Okta's default would swap Entra ID's claim names away)
  const saml = useQuery(SamlConnectionQuery, { organizationId }, { skip: !organizationId });
  const connected = saml.data?.samlConnection.configured ? saml.data.samlConnection.profile : undefined;
  const [picked, setIdp] = useState<string>();
  const idp = picked ?? connected ?? 'OKTA';
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  if (viewer.error) {
    return (
      <div className="setup">
        <main id="main">
          <h1>Identity provider setup</h1>
          <ErrorNote error={viewer.error} what="This setup link" />
        </main>
      </div>
    );
  }
  if (!v) return <Loading what="the setup link" />;
  if (v.kind !== 'SETUP_LINK' || !v.organizationId) {
    return (
      <div className="setup">
        <main id="main">
          <h1>Identity provider setup</h1>
          <p role="alert">This address is for setup links. Open the link you were sent, or sign in to the console with a key.</p>
          <button type="button" onClick={onSignOut}>
            Go to sign-in
          </button>
        </main>
      </div>
    );
  }
  const scopes = v.scopes ?? [];
  const tabs = [
    { to: '/admin/setup', label: 'Overview', show: true },
    { to: '/admin/setup/sso', label: 'Single sign-on (SAML)', show: scopes.includes('SSO') },
    { to: '/admin/setup/scim', label: 'Provisioning (SCIM)', show: scopes.includes('SCIM') },
  ].filter((t) => t.show);
  const orgName = org.data?.organization?.name;
  const profile = profileList.find((p) => p.kind === idp) ?? profileList[0];
  return (
    <div className="layout no-nav setup-mode">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Set up {orgName ?? 'your organization'}</span>
        <span className="who" data-testid="viewer">
          Setup link · {scopes.join(' and ')} · expires <When at={v.expiresAt} />
        </span>
        <button type="button" className="secondary" onClick={onSignOut}>
          Leave
        </button>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <nav aria-label="Setup">
          <ul className="tabs">
            {tabs.map((t) => (
              <li key={t.to}>
                <Link to={t.to} aria-current={path === t.to ? 'page' : undefined}>
                  {t.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <ErrorNote error={profilesError} what="Reading the identity provider guides" />
        {path === '/admin/setup/sso' && scopes.includes('SSO') ? (
          <SetupSso organizationId={organizationId} profiles={profileList} profile={profile} onPick={setIdp} />
        ) : path === '/admin/setup/scim' && scopes.includes('SCIM') ? (
          <SetupScim organizationId={organizationId} profiles={profileList} profile={profile} onPick={setIdp} />
        ) : (
          <SetupStatus organizationId={organizationId} orgName={orgName} scopes={scopes} />
        )}
      </main>
    </div>
  );
}

/** Which identity provider the guide is for: a radio group of the profiles (Okta first). */
export function IdpPicker({ profiles, value, onPick }: { profiles: Profile[]; value: string | undefined; onPick: (kind: string) => void }) {
  return (
    <fieldset className="idp-picker">
      <legend>Your identity provider</legend>
      {profiles.map((p) => (
        <label key={p.kind} className="radio">
          <input type="radio" name="idp" value={p.kind} checked={value === p.kind} onChange={() => onPick(p.kind)} />{' '}
          {p.kind === 'GENERIC' ? 'Other SAML 2.0' : p.name}
        </label>
      ))}
    </fieldset>
  );
}
