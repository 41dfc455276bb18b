/**
 * bench/peers.ts's SCIMMY peer: SCIMMY 1.3.5 with scimmy-routers 1.3.2 on Express, users kept in a
 * Map (no database). Packages are resolved from BENCH_PEERS_DIR (default /tmp/peer-pkgs); bearer
 * auth accepts the one token in BENCH_PEER_TOKEN. Listens on an OS-chosen port of 127.0.0.1 and
 * prints it on stdout.
 *
 * Filtering: SCIMMY hands the egress handler the request's parsed filter
 * (`SCIMMY.Types.Filter`); its `match(values)` keeps the values that match. A filter of the form
 * `userName eq "…"` (Okta's lookup) is answered from an index by userName and still checked with
 * `match`, so a lookup does not scan every user; other filters run `match` over all users.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

const require = createRequire(path.join(path.resolve(process.env.BENCH_PEERS_DIR || '/tmp/peer-pkgs'), 'package.json'));
const express = require('express');
// SCIMMY from scimmy-routers itself: one copy of the library (its CJS build) for both
const { SCIMMYRouters, SCIMMY } = require('scimmy-routers');

const TOKEN = process.env.BENCH_PEER_TOKEN;
if (!TOKEN) throw new Error('BENCH_PEER_TOKEN is required');

/** id -> user; userName -> id */
const users = new Map();
const byUserName = new Map();

SCIMMY.Resources.declare(
  SCIMMY.Resources.User.ingress((resource, instance) => {
    const now = new Date();
    if (resource.id) {
      const old = users.get(resource.id);
      if (!old) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
      const user = { ...instance, id: resource.id, meta: { created: old.meta.created, lastModified: now } };
      if (old.userName !== user.userName) byUserName.delete(old.userName);
      users.set(user.id, user);
      byUserName.set(user.userName, user.id);
      return user;
    }
    if (byUserName.has(instance.userName)) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${instance.userName} is taken`);
    const user = { ...instance, id: randomUUID(), meta: { created: now, lastModified: now } };
    users.set(user.id, user);
    byUserName.set(user.userName, user.id);
    return user;
  })
    .egress((resource) => {
      if (resource.id) {
        const user = users.get(resource.id);
        if (!user) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        return user;
      }
      const filter = resource.filter;
      if (!filter) return [...users.values()];
      const only = filter.length === 1 ? filter[0] : undefined;
      const keys = only ? Object.keys(only) : [];
      if (keys.length === 1 && keys[0] === 'userName' && Array.isArray(only.userName) && only.userName[0] === 'eq') {
        const user = users.get(byUserName.get(only.userName[1]));
        return user ? filter.match([user]) : [];
      }
      return filter.match([...users.values()]);
    })
    .degress((resource) => {
      const user = users.get(resource.id);
      if (!user) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
      users.delete(user.id);
      byUserName.delete(user.userName);
    }),
);

const app = express();
app.use(
  '/scim/v2',
  new SCIMMYRouters({
    type: 'bearer',
    handler: (req) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) throw new Error('Authorization failure');
    },
    context: () => undefined,
  }),
);
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
