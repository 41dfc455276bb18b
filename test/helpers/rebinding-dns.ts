/**
 * DNS rebinding, in this process: until `restore()`, the name `name` resolves to `first` the first
 * time it is asked (by node:dns `lookup` or node:dns/promises `lookup`) and to `then` every later
 * time, as a rebinding DNS server's short-lived answers do; every other name resolves as before.
 * `answers` lists what was answered, in order. (The test servers run in-process, so their outbound
 * requests ask this resolver.)
 */
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

export interface RebindingDns {
  answers: string[];
  restore(): void;
}

export function rebindingDns(name: string, first: string, then: string): RebindingDns {
  const answers: string[] = [];
  const answer = () => {
    const address = answers.length === 0 ? first : then;
    answers.push(address);
    return [{ address, family: 4 }];
  };
  const realLookup = dns.lookup;
  const realPromisesLookup = dns.promises.lookup;
  dns.promises.lookup = (async (hostname: string, options?: { all?: boolean }) =>
    hostname !== name ? realPromisesLookup(hostname, options as never) : options?.all ? answer() : answer()[0]) as typeof dns.promises.lookup;
  dns.lookup = ((hostname: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    if (hostname !== name) return (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
    const all = typeof options === 'object' && (options as { all?: boolean })?.all;
    const [a] = answer();
    process.nextTick(() => (all ? cb(null, [a]) : cb(null, a!.address, a!.family)));
  }) as typeof dns.lookup;
  // the named imports of node:dns/promises (import { lookup } from …) see the replacement too
  syncBuiltinESMExports();
  return {
    answers,
    restore() {
      dns.lookup = realLookup;
      dns.promises.lookup = realPromisesLookup;
      syncBuiltinESMExports();
    },
  };
}

/**
 * A resolver that never answers for `name` (an unreachable DNS server, which getaddrinfo waits on for
 * tens of seconds), in this process, until `restore()`, which fails the questions still open with
 * ENOTFOUND. `asked` counts the questions.
 */
export function silentDns(name: string): { asked: () => number; restore(): void } {
  const open: Array<(err: NodeJS.ErrnoException) => void> = [];
  let asked = 0;
  const realLookup = dns.lookup;
  const realPromisesLookup = dns.promises.lookup;
  const notFound = () => Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  dns.promises.lookup = ((hostname: string, options?: unknown) => {
    if (hostname !== name) return realPromisesLookup(hostname, options as never);
    asked++;
    return new Promise((_, reject) => open.push(reject));
  }) as typeof dns.promises.lookup;
  dns.lookup = ((hostname: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    if (hostname !== name) return (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
    asked++;
    open.push((err) => cb(err));
  }) as typeof dns.lookup;
  syncBuiltinESMExports();
  return {
    asked: () => asked,
    restore() {
      dns.lookup = realLookup;
      dns.promises.lookup = realPromisesLookup;
      syncBuiltinESMExports();
      for (const fail of open.splice(0)) fail(notFound());
    },
  };
}
