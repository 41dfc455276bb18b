import { useState, type FormEvent } from 'react';
import { useQuery } from '../api/hooks';
import { ErrorNote, Loading, SelectField, TextField, When } from '../components/common';
import type { GroupFilter } from '../gql/graphql';
import { GroupsQuery } from '../operations';

const PAGE = 25;
const SORTS = ['CREATED_AT', 'DISPLAY_NAME', 'UPDATED_AT', 'MEMBER_COUNT'] as const;

/** Groups with the GraphQL filter and keyset paging. */
export function Groups({ organizationId }: { organizationId: string }) {
  const [draft, setDraft] = useState({ name: '', externalId: '', sort: 'CREATED_AT' as (typeof SORTS)[number] });
  const [criteria, setCriteria] = useState(draft);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const filter: GroupFilter = {};
  if (criteria.name.trim()) filter.displayName = { contains: criteria.name.trim() };
  if (criteria.externalId.trim()) filter.externalId = { eq: criteria.externalId.trim() };
  const groups = useQuery(GroupsQuery, {
    organizationId,
    first: PAGE,
    after: cursors[cursors.length - 1],
    filter: Object.keys(filter).length ? filter : undefined,
    sort: { field: criteria.sort },
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setCriteria(draft);
    setCursors([null]);
  };
  const page = groups.data?.groups;
  return (
    <>
      <h1>Groups</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter groups">
        <TextField label="Name contains" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        <TextField label="externalId" value={draft.externalId} onChange={(externalId) => setDraft({ ...draft, externalId })} />
        <SelectField label="Sort by" value={draft.sort} options={SORTS} onChange={(sort) => setDraft({ ...draft, sort })} />
        <div className="actions">
          <button type="submit">Apply filters</button>
        </div>
      </form>
      <ErrorNote error={groups.error} what="Listing groups" />
      {groups.loading && !page ? <Loading what="groups" /> : null}
      {page ? (
        <section aria-labelledby="group-results">
          <h2 id="group-results" role="status">
            {page.totalCount} {page.totalCount === 1 ? 'group' : 'groups'}
          </h2>
          {page.nodes.length ? (
            <table>
              <caption className="sr-only">Groups</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">externalId</th>
                  <th scope="col">Members</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((g) => (
                  <tr key={g.id}>
                    <td>{g.displayName}</td>
                    <td>{g.externalId ? <code>{g.externalId}</code> : ''}</td>
                    <td>{g.memberCount}</td>
                    <td>
                      <When at={g.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No group matches.</p>
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
