import { useState, type FormEvent } from 'react';
import { useQuery } from '../api/hooks';
import { ErrorNote, Loading, SelectField, TextField, When } from '../components/common';
import type { UserFilter, UserSortField } from '../gql/graphql';
import { UsersQuery } from '../operations';
import { Link } from '../router';

const PAGE = 25;
const SORTS = ['CREATED_AT', 'USER_NAME', 'UPDATED_AT', 'FAMILY_NAME', 'DEPARTMENT', 'EMAIL'] as const satisfies readonly UserSortField[];

interface Criteria {
  text: string;
  active: 'any' | 'active' | 'inactive';
  role: 'any' | 'VIEWER' | 'MEMBER' | 'EDITOR' | 'ADMIN';
  source: 'any' | 'SCIM' | 'SAML' | 'API';
  department: string;
  sort: (typeof SORTS)[number];
  direction: 'ASC' | 'DESC';
}

const EMPTY: Criteria = { text: '', active: 'any', role: 'any', source: 'any', department: '', sort: 'CREATED_AT', direction: 'ASC' };

/** The form's criteria as the API's UserFilter: every condition given must hold. */
function toFilter(c: Criteria): UserFilter | undefined {
  const and: UserFilter[] = [];
  const text = c.text.trim();
  if (text) and.push({ or: [{ userName: { contains: text } }, { displayName: { contains: text } }, { email: { eq: text } }, { externalId: { eq: text } }] });
  if (c.active !== 'any') and.push({ active: c.active === 'active' });
  if (c.role !== 'any') and.push({ role: { eq: c.role } });
  if (c.source !== 'any') and.push({ provisionedBy: { eq: c.source } });
  if (c.department.trim()) and.push({ department: { contains: c.department.trim() } });
  return and.length ? { and } : undefined;
}

/** Users with the GraphQL filters and keyset paging (`after` = the previous page's endCursor). */
export function Users({ organizationId }: { organizationId: string }) {
  const [draft, setDraft] = useState<Criteria>(EMPTY);
  const [criteria, setCriteria] = useState<Criteria>(EMPTY);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1]!;
  const users = useQuery(UsersQuery, {
    organizationId,
    first: PAGE,
    after,
    filter: toFilter(criteria),
    sort: { field: criteria.sort, direction: criteria.direction },
  });
  const set =
    <K extends keyof Criteria>(k: K) =>
    (v: Criteria[K]) =>
      setDraft({ ...draft, [k]: v });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setCriteria(draft);
    setCursors([null]);
  };
  const page = users.data?.users;
  return (
    <>
      <h1>Users</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter users">
        <TextField label="Search" value={draft.text} onChange={set('text')} hint="userName or display name containing it, or an exact email or externalId." />
        <SelectField label="State" value={draft.active} options={['any', 'active', 'inactive'] as const} onChange={set('active')} />
        <SelectField label="Role" value={draft.role} options={['any', 'VIEWER', 'MEMBER', 'EDITOR', 'ADMIN'] as const} onChange={set('role')} />
        <SelectField label="Provisioned by" value={draft.source} options={['any', 'SCIM', 'SAML', 'API'] as const} onChange={set('source')} />
        <TextField label="Department contains" value={draft.department} onChange={set('department')} />
        <SelectField label="Sort by" value={draft.sort} options={SORTS} onChange={set('sort')} />
        <SelectField label="Direction" value={draft.direction} options={['ASC', 'DESC'] as const} onChange={set('direction')} />
        <div className="actions">
          <button type="submit">Apply filters</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(EMPTY);
              setCriteria(EMPTY);
              setCursors([null]);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <ErrorNote error={users.error} what="Listing users" />
      {users.loading && !page ? <Loading what="users" /> : null}
      {page ? (
        <section aria-labelledby="user-results">
          <h2 id="user-results" role="status">
            {page.totalCount} {page.totalCount === 1 ? 'user' : 'users'}
            {cursors.length > 1 ? `, page ${cursors.length}` : ''}
          </h2>
          {page.nodes.length ? (
            <table>
              <caption className="sr-only">Users</caption>
              <thead>
                <tr>
                  <th scope="col">userName</th>
                  <th scope="col">Display name</th>
                  <th scope="col">State</th>
                  <th scope="col">Role</th>
                  <th scope="col">Provisioned by</th>
                  <th scope="col">Department</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((u) => (
                  <tr key={u.id}>
                    <td>
                      <Link to={`/admin/orgs/${organizationId}/users/${u.id}`}>{u.userName}</Link>
                    </td>
                    <td>{u.displayName ?? ''}</td>
                    <td>{u.active ? 'Active' : 'Deactivated'}</td>
                    <td>{u.role}</td>
                    <td>{u.provisionedBy}</td>
                    <td>{u.department ?? ''}</td>
                    <td>
                      <When at={u.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No user matches.</p>
          )}
          <div className="pager">
            <button type="button" className="secondary" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous page
            </button>
            <button type="button" className="secondary" disabled={!page.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, page.pageInfo.endCursor])}>
              Next page
            </button>
          </div>
        </section>
      ) : null}
    </>
  );
}
