/**
 * The hub's calls. Each names its permission (hub/roles.ts); the server (server/http.ts) checks the
 * caller's session and role before the handler runs, and the CSRF token on every state-changing call.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { disableAccount, listAccounts, type Account } from '../accounts/accounts.ts';
import { login } from '../accounts/login.ts';
import { endSession, type Session } from '../accounts/sessions.ts';
import { audit } from '../audit.ts';
import { query } from '../pg.ts';
import { ROLE_NAMES, type Permission } from '../roles.ts';
import type { HubContext } from './context.ts';
import type { Seen } from './request.ts';
import { parse } from './parse.ts';
import { packageRoutes } from '../packages/routes.ts';
import { adminAccountRoutes } from '../accounts/routes.ts'; // s7-hubweb
import { planRoutes } from '../plans/routes.ts';
import { keyRoutes } from '../keys/routes.ts'; // s7-hubkeys

export interface CallInput {
  hub: HubContext;
  seen: Seen;
  body: unknown;
  session: Session | null;
  userAgent: string | null;
  req: IncomingMessage;
  url: URL;
  /** the groups of a route whose path is a pattern */
  params: string[];
}

export interface CallOutput {
  body: unknown;
  /** a new session cookie's value, '' to clear it */
  setSession?: string;
  /** bytes answered as they are (application/octet-stream) instead of JSON */
  bytes?: { data: Buffer; headers: Record<string, string> };
}

export interface Route {
  method: 'GET' | 'POST';
  path: string | RegExp;
  /** for a pattern: a path it matches (the permission test calls every route there) */
  example?: string;
  permission: Permission;
  /** 'raw': the handler reads the body itself (default: JSON, at most 64 KiB) */
  body?: 'json' | 'raw';
  handle(input: CallInput): Promise<CallOutput>;
}


const me = (a: Account) => ({ ...a, roleName: ROLE_NAMES[a.role] });

const accountRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/health',
    permission: 'health',
    async handle({ hub }) {
      const v = await query<{ version: number | null }>(hub.db, 'SELECT max(version) AS version FROM schema_migrations');
      return { body: { ok: true, database: 'up', schemaVersion: v.rows[0]?.version ?? 0 } };
    },
  },
  {
    method: 'POST',
    path: '/api/session/login',
    permission: 'session.login',
    async handle({ hub, seen, body, userAgent }) {
      const input = parse(z.object({ name: z.string(), password: z.string() }), body);
      const { account, session } = await login(hub.db, { ...input, address: seen.address, userAgent }, hub.loginPolicy, hub.sessionPolicy);
      return { body: { account: me(account), csrfToken: session.csrfToken }, setSession: session.cookie };
    },
  },
  {
    method: 'POST',
    path: '/api/session/logout',
    permission: 'session.logout',
    async handle({ hub, seen, session }) {
      await endSession(hub.db, session!.idHash);
      await audit(hub.db, { accountId: session!.account.id, accountName: session!.account.name, action: 'logout', address: seen.address });
      return { body: { ok: true }, setSession: '' };
    },
  },
  {
    method: 'GET',
    path: '/api/session/whoami',
    permission: 'session.whoami',
    async handle({ session }) {
      return { body: { account: me(session!.account), csrfToken: session!.csrfToken } };
    },
  },
  {
    method: 'GET',
    path: '/api/accounts',
    permission: 'accounts.list',
    async handle({ hub }) {
      return { body: { accounts: (await listAccounts(hub.db)).map(me) } };
    },
  },
  {
    method: 'POST',
    path: '/api/accounts/disable',
    permission: 'accounts.disable',
    async handle({ hub, seen, body, session }) {
      const { name } = parse(z.object({ name: z.string().min(1).max(64) }), body);
      const account = await disableAccount(hub.db, name, { name: session!.account.name, accountId: session!.account.id, address: seen.address });
      return { body: { account: me(account) } };
    },
  },
];

export const routes: Route[] = [...accountRoutes, ...adminAccountRoutes, ...packageRoutes, ...planRoutes, ...keyRoutes];
