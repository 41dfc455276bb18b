import { User } from '../core/entities/user.js';
import type { GraphQLContext } from './context.js';

/**
 * A per-request batch loader: calls made in the same tick are answered by one `load(keys)` call,
 * so resolving `manager` for a page of 1000 users is one query, not 1000.
 */
export function batchLoader<K, V>(ctx: GraphQLContext, name: string, load: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  let loader = ctx.loaders.get(name) as ((key: K) => Promise<V | undefined>) | undefined;
  if (loader) return loader;
  let pending: Array<{ key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }> = [];
  const cache = new Map<K, Promise<V | undefined>>();
  loader = (key: K) => {
    const hit = cache.get(key);
    if (hit) return hit;
    const p = new Promise<V | undefined>((resolve, reject) => {
      pending.push({ key, resolve, reject });
      if (pending.length === 1) {
        queueMicrotask(() =>
          setImmediate(async () => {
            const batch = pending;
            pending = [];
            try {
              const result = await load([...new Set(batch.map((b) => b.key))]);
              for (const b of batch) b.resolve(result.get(b.key));
            } catch (err) {
              for (const b of batch) b.reject(err);
            }
          }),
        );
      }
    });
    cache.set(key, p);
    return p;
  };
  ctx.loaders.set(name, loader);
  return loader;
}

/** Users of an organization by id, one query per tick (a page's managers, a membership page's users). */
export function userById(ctx: GraphQLContext, organizationId: string): (id: string) => Promise<User | undefined> {
  return batchLoader<string, User>(ctx, `userById:${organizationId}`, async (ids) => {
    const rows = await ctx.core.em.find(User, { id: { $in: ids }, organization: organizationId });
    return new Map(rows.map((r) => [r.id, r]));
  });
}
