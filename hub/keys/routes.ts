/**
 * The administrator's 密钥 calls (the admin page's section beside 账户管理; the same core as
 * `plandesk hub key trust|list|revoke`, hub/keys/keys.ts):
 *   GET  /api/keys                 the keys the hub trusts (and those revoked)
 *   POST /api/keys                 { keyFile: the .pdkey's text, role: city|district, district }
 *   POST /api/keys/revoke          { fingerprint: the readable code or 64 hex digits }
 */
import { z } from 'zod';
import { hubKeyTrust } from '../../contract/hub.ts';
import type { Route } from '../server/routes.ts';
import { parse } from '../server/parse.ts';
import { listKeys, revokeKey, trustKey } from './keys.ts';

export const keyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/keys',
    permission: 'keys.list',
    async handle({ hub }) {
      return { body: { keys: await listKeys(hub.db) } };
    },
  },
  {
    method: 'POST',
    path: '/api/keys',
    permission: 'keys.trust',
    async handle({ hub, seen, body, session }) {
      const input = parse(hubKeyTrust, body);
      const key = await trustKey(hub.db, input, { name: session!.account.name, accountId: session!.account.id, address: seen.address });
      return { body: { key } };
    },
  },
  {
    method: 'POST',
    path: '/api/keys/revoke',
    permission: 'keys.revoke',
    async handle({ hub, seen, body, session }) {
      const { fingerprint } = parse(z.object({ fingerprint: z.string().min(1).max(200) }), body);
      const key = await revokeKey(hub.db, fingerprint, { name: session!.account.name, accountId: session!.account.id, address: seen.address });
      return { body: { key } };
    },
  },
];
