import { useQuery } from './hooks';
import { CapabilitiesQuery } from '../operations';

/** The root fields of the server's schema (introspection), to tell an older server's missing parts apart from errors. */
export function useCapabilities(): { has: (field: string) => boolean; ready: boolean } {
  const q = useQuery(CapabilitiesQuery, {});
  const names = new Set([...(q.data?.__schema.queryType.fields ?? []), ...(q.data?.__schema.mutationType?.fields ?? [])].map((f) => f.name));
  return { has: (f) => names.has(f), ready: !!q.data };
}
