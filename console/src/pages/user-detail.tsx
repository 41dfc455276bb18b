import { useQuery } from '../api/hooks';
import { ErrorNote, Json, Loading, When } from '../components/common';
import { EventList } from '../components/events';
import type { ConsoleUserQuery } from '../gql/graphql';
import { EventsQuery, UserQuery } from '../operations';
import { Link } from '../router';

type User = NonNullable<ConsoleUserQuery['user']>;

/** The attribute rows of a user, each with the source that last wrote it (attributeSources). */
function attributeRows(u: User): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    ['userName', u.userName],
    ['externalId', u.externalId ?? ''],
    ['displayName', u.displayName ?? ''],
    ['name.givenName', u.name.givenName ?? ''],
    ['name.familyName', u.name.familyName ?? ''],
    ['name.middleName', u.name.middleName ?? ''],
    ['name.formatted', u.name.formatted ?? ''],
    ['nickName', u.nickName ?? ''],
    ['title', u.title ?? ''],
    ['userType', u.userType ?? ''],
    ['department', u.department ?? ''],
    ['division', u.division ?? ''],
    ['organizationName', u.organizationName ?? ''],
    ['costCenter', u.costCenter ?? ''],
    ['employeeNumber', u.employeeNumber ?? ''],
    ['locale', u.locale ?? ''],
    ['preferredLanguage', u.preferredLanguage ?? ''],
    ['timezone', u.timezone ?? ''],
    ['managerId', u.managerId ?? ''],
    ['emails', u.emails.map((e) => `${e.value}${e.type ? ` (${e.type})` : ''}${e.primary ? ' primary' : ''}`).join(', ')],
    ['phoneNumbers', u.phoneNumbers.map((e) => `${e.value}${e.type ? ` (${e.type})` : ''}`).join(', ')],
  ];
  for (const [k, v] of Object.entries(u.customAttributes)) rows.push([`custom:${k}`, typeof v === 'string' ? v : JSON.stringify(v)]);
  return rows.filter(([, v]) => v !== '');
}

function provenance(sources: Record<string, unknown>, field: string): { source: string; at: string } | undefined {
  const names = [field, field.replace(/^name\./, ''), field.replace(/^custom:/, 'customAttributes.'), field.replace(/^custom:/, '')];
  for (const n of names) {
    const s = sources[n] as { source?: string; at?: string } | undefined;
    if (s?.source) return { source: s.source, at: s.at ?? '' };
  }
  return undefined;
}

export function UserDetail({ organizationId, userId }: { organizationId: string; userId: string }) {
  const user = useQuery(UserQuery, { organizationId, id: userId });
  const history = useQuery(EventsQuery, { organizationId, first: 50, filter: { involving: userId } });
  const u = user.data?.user;
  return (
    <>
      <p>
        <Link to={`/admin/orgs/${organizationId}/users`}>← Users</Link>
      </p>
      <ErrorNote error={user.error} what="Reading the user" />
      {user.loading && !user.data ? <Loading what="the user" /> : null}
      {user.data && !u ? <p>No such user in this organization.</p> : null}
      {u ? (
        <>
          <h1>{u.displayName ?? u.userName}</h1>
          <dl className="facts">
            <dt>State</dt>
            <dd>{u.active ? 'Active' : `Deactivated`}</dd>
            <dt>Role</dt>
            <dd>
              {u.role} <span className="muted">(base role {u.baseRole}; group rules may raise it)</span>
            </dd>
            <dt>Provisioned by</dt>
            <dd>{u.provisionedBy}</dd>
            <dt>Created</dt>
            <dd>
              <When at={u.createdAt} />
            </dd>
            <dt>Last sign-in</dt>
            <dd>
              <When at={u.lastSignInAt} never="never" />
            </dd>
            <dt>Version</dt>
            <dd>{u.version}</dd>
          </dl>
          <section aria-labelledby="attrs">
            <h2 id="attrs">Attributes and where they came from</h2>
            <table>
              <caption className="sr-only">Attributes with the source that last wrote each</caption>
              <thead>
                <tr>
                  <th scope="col">Attribute</th>
                  <th scope="col">Value</th>
                  <th scope="col">Written by</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {attributeRows(u).map(([field, value]) => {
                  const p = provenance(u.attributeSources, field);
                  return (
                    <tr key={field}>
                      <th scope="row">
                        <code>{field}</code>
                      </th>
                      <td>{value}</td>
                      <td>{p?.source ?? <span className="muted">—</span>}</td>
                      <td>{p?.at ? <When at={p.at} /> : null}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <details>
              <summary>All provenance records</summary>
              <Json value={u.attributeSources} label="attributeSources" />
            </details>
          </section>
          <section aria-labelledby="groups">
            <h2 id="groups">Groups</h2>
            {u.groups.length ? (
              <ul>
                {u.groups.map((g) => (
                  <li key={g.id}>{g.displayName}</li>
                ))}
              </ul>
            ) : (
              <p>Member of no group.</p>
            )}
          </section>
          <section aria-labelledby="history">
            <h2 id="history">History</h2>
            <ErrorNote error={history.error} what="Reading the history" />
            {history.data ? <EventList events={history.data.events.nodes} label="Events of this user, newest first" /> : <Loading what="the history" />}
          </section>
        </>
      ) : null}
    </>
  );
}
