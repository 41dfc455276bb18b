import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { GraphQLFailure, request } from './client';

export interface QueryState<R> {
  data: R | undefined;
  error: GraphQLFailure | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs a query when mounted and whenever its variables change (compared as JSON). */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, options: { skip?: boolean } = {}): QueryState<R> {
  const [state, setState] = useState<{ data?: R; error?: GraphQLFailure; loading: boolean }>({ loading: !options.skip });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (options.skip) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    request(document, JSON.parse(key) as V).then(
      (data) => live && setState({ data, loading: false }),
      (error: GraphQLFailure) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [document, key, tick, options.skip]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface MutationState<R, V> {
  run: (variables: V) => Promise<R | undefined>;
  data: R | undefined;
  error: GraphQLFailure | undefined;
  busy: boolean;
  reset: () => void;
}

/** A mutation (or an on-demand query): `run` resolves with the data, or undefined after an error it keeps in `error`. */
export function useMutation<R, V>(document: TypedDocumentString<R, V>): MutationState<R, V> {
  const [state, setState] = useState<{ data?: R; error?: GraphQLFailure; busy: boolean }>({ busy: false });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(
    async (variables: V) => {
      setState({ busy: true });
      try {
        const data = await request(document, variables);
        if (mounted.current) setState({ data, busy: false });
        return data;
      } catch (err) {
        if (mounted.current) setState({ error: err as GraphQLFailure, busy: false });
        return undefined;
      }
    },
    [document],
  );
  const reset = useCallback(() => setState({ busy: false }), []);
  return { run, data: state.data, error: state.error, busy: state.busy, reset };
}

/** Calls `fn` every `ms` while `active` (and once at once). */
export function usePolling(fn: () => void, ms: number, active: boolean): void {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!active) return;
    saved.current();
    const id = setInterval(() => saved.current(), ms);
    return () => clearInterval(id);
  }, [ms, active]);
}
