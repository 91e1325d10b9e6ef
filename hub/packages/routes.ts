/**
 * The hub's 报送包 calls (issue 16: the hub speaks the same packages as the files):
 *   POST /api/packages            the package's bytes (application/octet-stream) with its envelope
 *                                 (X-Plandesk-Package) and SHA-256 (X-Content-SHA256): stored once
 *   GET  /api/packages?plan=P&after=N[&to=city|区县]   the packages addressed to the caller after sync id N
 *   GET  /api/packages/:id        the package's bytes, as pushed
 * Each is checked by the permission table (hub/roles.ts) and then the package scope (access.ts).
 */
import type { Route } from '../server/routes.ts';
import { HubError } from '../errors.ts';
import { readRaw } from '../server/request.ts';
import { checkPush, checkRead, listScope } from './access.ts';
import { checkBytes, decodeEnvelope, ENVELOPE_HEADER, encodeEnvelope, MAX_PUSH_BYTES, SHA256_HEADER } from './envelope.ts';
import { getPackage, listPackages, type StoredPackage } from './store.ts';
import { storePackage } from './store.ts';
import { verifyPackage } from './verify.ts';
import { audit } from '../audit.ts';
import type { Account } from '../accounts/accounts.ts';
import type { Envelope } from './envelope.ts';

const listed = (p: StoredPackage) => p;

function queryText(url: URL, key: string, max = 200): string | null {
  const v = url.searchParams.get(key);
  if (v === null || v === '') return null;
  if (v.length > max) throw new HubError('INVALID_INPUT', `参数“${key}”太长。`, 'hub.badInput', { field: key });
  return v;
}

/** A refused push is written to the audit log (outside the refused transaction): 报送情况 shows it as 'refused'. */
async function refused(db: Parameters<typeof audit>[0], a: Account, e: Envelope, err: HubError, address: string): Promise<void> {
  await audit(db, {
    accountId: a.id,
    accountName: a.name,
    action: 'package.refused',
    address,
    details: { planId: e.planId, packageId: e.packageId, sender: e.sender.role === 'city' ? 'city' : e.sender.district, seq: e.seq, reason: err.reason, message: err.message },
  }).catch(() => {});
}

export const packageRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/packages',
    permission: 'packages.push',
    body: 'raw',
    async handle({ hub, seen, session, req }) {
      const account = session!.account;
      const envelope = decodeEnvelope(req.headers[ENVELOPE_HEADER]);
      // the scope is checked before a byte of the body is read
      checkPush(account, envelope);
      const bytes = await readRaw(req, MAX_PUSH_BYTES);
      try {
        const sha = checkBytes(bytes, req.headers[SHA256_HEADER]);
        // read and checked with the core's own code (package/): signature, content hash, manifest = envelope
        const content = verifyPackage(bytes, envelope);
        const r = await storePackage(hub.db, envelope, bytes, sha, account, seen.address, content);
        // committed: the plan's older roll-ups are not the current one any more (hub/plans/rollup-cache.ts)
        if (r.applied?.version) hub.rollups.committed(envelope.planId, r.applied.version);
        return { body: { stored: r.stored, package: listed(r.package), applied: r.applied } };
      } catch (err) {
        if (err instanceof HubError && err.code !== 'UNAVAILABLE' && err.code !== 'CONFLICT') await refused(hub.db, account, envelope, err, seen.address);
        throw err;
      }
    },
  },
  {
    method: 'GET',
    path: '/api/packages',
    permission: 'packages.read',
    async handle({ hub, session, url }) {
      const afterText = url.searchParams.get('after') ?? '0';
      if (!/^\d{1,18}$/.test(afterText)) throw new HubError('INVALID_INPUT', '参数“after”必须是同步编号（非负整数）。', 'hub.badInput', { field: 'after' });
      const to = listScope(session!.account, queryText(url, 'to'));
      const r = await listPackages(hub.db, { planId: queryText(url, 'plan'), after: Number(afterText), to });
      return { body: { packages: r.packages.map(listed), more: r.more, last: r.packages.at(-1)?.id ?? afterText } };
    },
  },
  {
    method: 'GET',
    path: /^\/api\/packages\/(\d{1,18})$/,
    example: '/api/packages/1',
    permission: 'packages.read',
    async handle({ hub, session, params }) {
      const id = params[0]!;
      const p = await getPackage(hub.db, id);
      if (!p) throw new HubError('NOT_FOUND', `城市枢纽上没有第 ${id} 号报送包。`, 'hub.packageNotFound', { id });
      checkRead(session!.account, p);
      return { body: null, bytes: { data: p.bytes, headers: { [SHA256_HEADER]: p.sha256, [ENVELOPE_HEADER]: encodeEnvelope(p.envelope), 'x-plandesk-sync-id': p.id } } };
    },
  },
];
