import { useEffect, useRef } from 'react';
import { useQuery } from '../api/hooks';
import { ErrorNote, Loading } from '../components/common';
import { OrganizationQuery, ViewerQuery } from '../operations';
import { Link, match, navigate } from '../router';
import { Credentials } from './credentials';
import { EventFeed } from './event-feed';
import { Groups } from './groups';
import { Organizations } from './organizations';
import { Provisioning } from './provisioning';
import { SetupLinks } from './setup-links';
import { StatusPanel } from './status';
import { UserDetail } from './user-detail';
import { Users } from './users';

const ORG_PAGES = [
  { path: '', label: 'Status' },
  { path: 'keys', label: 'API keys & SCIM tokens' },
  { path: 'users', label: 'Users' },
  { path: 'groups', label: 'Groups' },
  { path: 'provisioning', label: 'Policy & mappings' },
  { path: 'events', label: 'Live events' },
  { path: 'setup-links', label: 'Setup links' },
] as const;

export function OperatorApp({ path, onSignOut }: { path: string; onSignOut: () => void }) {
  const viewer = useQuery(ViewerQuery, {});
  const v = viewer.data?.viewer;
  // an organization's key has one organization: its pages are the console's home
  useEffect(() => {
    if (v?.kind === 'API_KEY' && v.organizationId && (path === '/admin/' || path === '/admin')) navigate(`/admin/orgs/${v.organizationId}`, true);
  }, [v, path]);
  const main = useRef<HTMLElement>(null);
  // a new page: focus moves to its main region, so keyboard and screen-reader users start there
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  const org = match('/admin/orgs/:orgId', path) ?? match('/admin/orgs/:orgId/:page', path) ?? match('/admin/orgs/:orgId/:page/:itemId', path);
  return (
    <div className={org ? 'layout' : 'layout no-nav'}>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/admin/" className="brand">
          Identity console
        </Link>
        <span className="who" data-testid="viewer">
          {v ? `${v.label}${v.role ? ` (${v.role})` : ''}` : ''}
        </span>
        <button type="button" className="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {org ? <OrgNav orgId={org.orgId!} path={path} platform={v?.kind === 'PLATFORM'} /> : null}
      <main id="main" ref={main} tabIndex={-1}>
        <ErrorNote error={viewer.error} what="Reading the key" />
        {!v ? <Loading what="your key" /> : <Page path={path} platform={v.kind === 'PLATFORM'} readOnly={v.role === 'READ_ONLY'} />}
      </main>
    </div>
  );
}

function OrgNav({ orgId, path, platform }: { orgId: string; path: string; platform: boolean }) {
  const org = useQuery(OrganizationQuery, { id: orgId });
  const base = `/admin/orgs/${orgId}`;
  return (
    <nav className="org-nav" aria-label="Organization">
      {platform ? (
        <Link to="/admin/" className="back">
          ← All organizations
        </Link>
      ) : null}
      <p className="org-name">{org.data?.organization ? `${org.data.organization.name} (${org.data.organization.slug})` : ''}</p>
      <ul>
        {ORG_PAGES.map((p) => {
          const to = p.path ? `${base}/${p.path}` : base;
          const current = p.path ? path.startsWith(to) : path === base;
          return (
            <li key={p.path}>
              <Link to={to} aria-current={current ? 'page' : undefined}>
                {p.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Page({ path, platform, readOnly }: { path: string; platform: boolean; readOnly: boolean }) {
  let m: Record<string, string> | null;
  if ((m = match('/admin/orgs/:orgId', path))) return <StatusPanel organizationId={m.orgId!} />;
  if ((m = match('/admin/orgs/:orgId/keys', path))) return <Credentials organizationId={m.orgId!} readOnly={readOnly} />;
  if ((m = match('/admin/orgs/:orgId/users', path))) return <Users organizationId={m.orgId!} />;
  if ((m = match('/admin/orgs/:orgId/users/:userId', path))) return <UserDetail organizationId={m.orgId!} userId={m.userId!} />;
  if ((m = match('/admin/orgs/:orgId/groups', path))) return <Groups organizationId={m.orgId!} />;
  if ((m = match('/admin/orgs/:orgId/provisioning', path))) return <Provisioning organizationId={m.orgId!} readOnly={readOnly} />;
  if ((m = match('/admin/orgs/:orgId/events', path))) return <EventFeed organizationId={m.orgId!} />;
  if ((m = match('/admin/orgs/:orgId/setup-links', path))) return <SetupLinks organizationId={m.orgId!} readOnly={readOnly} />;
  if (path === '/admin/' || path === '/admin') return <Organizations platform={platform} />;
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no console page at this address. <Link to="/admin/">Go to the start page</Link>.
      </p>
    </>
  );
}
