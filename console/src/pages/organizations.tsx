import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '../api/hooks';
import { ErrorNote, Loading, TextField, When } from '../components/common';
import { CreateOrganizationMutation, OrganizationsQuery } from '../operations';
import { Link, navigate } from '../router';

const PAGE = 100;

/** Latin letters that no Unicode decomposition takes apart, spelt as ASCII. */
const SPELT: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** The slug a name suggests (it appears in the SAML URLs): accents dropped ("Société" → "societe"), other characters hyphens. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøłđðþı]/g, (c) => SPELT[c]!)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

export function Organizations({ platform }: { platform: boolean }) {
  // organizations are paged by id: the stack holds the `after` of each page shown so far
  const [afters, setAfters] = useState<Array<string | null>>([null]);
  const after = afters[afters.length - 1]!;
  const orgs = useQuery(OrganizationsQuery, { first: PAGE + 1, after });
  const rows = orgs.data?.organizations.slice(0, PAGE) ?? [];
  const more = (orgs.data?.organizations.length ?? 0) > PAGE;
  return (
    <>
      <h1>Organizations</h1>
      {platform ? <CreateOrganization onCreated={(id) => navigate(`/admin/orgs/${id}`)} /> : null}
      <section aria-labelledby="org-list">
        <h2 id="org-list">All organizations</h2>
        <ErrorNote error={orgs.error} what="Listing organizations" />
        {orgs.loading && !orgs.data ? <Loading what="organizations" /> : null}
        {orgs.data && rows.length === 0 ? <p>No organizations yet.</p> : null}
        {rows.length ? (
          <table>
            <caption className="sr-only">Organizations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Slug</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/admin/orgs/${o.id}`}>{o.name}</Link>
                  </td>
                  <td>
                    <code>{o.slug}</code>
                  </td>
                  <td>
                    <When at={o.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="pager">
          <button type="button" className="secondary" disabled={afters.length < 2} onClick={() => setAfters(afters.slice(0, -1))}>
            Previous page
          </button>
          <button type="button" className="secondary" disabled={!more} onClick={() => setAfters([...afters, rows[rows.length - 1]!.id])}>
            Next page
          </button>
        </div>
      </section>
    </>
  );
}

function CreateOrganization({ onCreated }: { onCreated: (id: string) => void }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const create = useMutation(CreateOrganizationMutation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create.run({ input: { name: name.trim(), slug: slug.trim() } });
    if (r) onCreated(r.createOrganization.id);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="create-org">
      <h2 id="create-org">Create an organization</h2>
      <div className="row">
        <TextField
          label="Name"
          value={name}
          required
          onChange={(v) => {
            setName(v);
            if (!slugTouched) setSlug(slugOf(v));
          }}
        />
        <TextField
          label="Slug"
          value={slug}
          required
          hint="Lower-case letters, digits and inner hyphens; it appears in the SAML URLs."
          onChange={(v) => {
            setSlugTouched(true);
            setSlug(v);
          }}
        />
      </div>
      <button type="submit" disabled={create.busy || !name.trim() || !slug.trim()}>
        Create organization
      </button>
      <ErrorNote error={create.error} what="Creating the organization" />
    </form>
  );
}
