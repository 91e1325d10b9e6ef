/**
 * 报送包 in PostgreSQL: stored in one transaction with its audit row (a push cut off anywhere — the
 * connection lost, the hub killed — stores nothing: PostgreSQL rolls the transaction back), listed after
 * a sync id, read back byte for byte.
 *
 * Pushes of one plan take a transaction-scoped advisory lock first, so their ids are committed in id
 * order: a reader that has seen id N and asks for "after N" never misses a package committed later
 * with a smaller id (identity values are handed out before commit, so without the lock two concurrent
 * pushes could commit out of order). Different plans do not wait for each other.
 */
import type { Account } from '../accounts/accounts.ts';
import { audit } from '../audit.ts';
import { HubError } from '../errors.ts';
import { query, transaction, type Db } from '../pg.ts';
import { recipientKey, senderKey, type Envelope } from './envelope.ts';
import type { PackageContent } from '../../package/file.ts';
import { applyPackage, type Applied } from '../plans/apply.ts';
import { checkSigner } from '../keys/keys.ts';

/** pg_advisory_xact_lock's first key for package pushes ("PkgP" in ASCII); the second is the plan's hash */
const PUSH_LOCK = 0x506b6750;
export const LIST_LIMIT = 500;

export interface StoredPackage {
  id: string;
  packageId: string;
  planId: string;
  sender: string;
  senderRole: 'city' | 'district';
  senderName: string;
  recipient: string;
  seq: number;
  full: boolean;
  base: { packageId: string; seq: number } | null;
  envelope: Envelope;
  sha256: string;
  size: number;
  receivedAt: string;
  receivedBy: string;
}

interface Row {
  id: string;
  package_id: string;
  plan_id: string;
  sender: string;
  sender_role: 'city' | 'district';
  sender_name: string;
  recipient: string;
  seq: number;
  full_plan: boolean;
  base_package_id: string | null;
  base_seq: number | null;
  envelope: Envelope;
  sha256: Buffer;
  size: number;
  received_at: Date;
  received_by: string;
}

const COLUMNS = `p.id::text AS id, p.package_id, p.plan_id, p.sender, p.sender_role, p.sender_name, p.recipient, p.seq, p.full_plan,
  p.base_package_id, p.base_seq, p.envelope, p.sha256, p.size, p.received_at, a.name AS received_by`;

const of = (r: Row): StoredPackage => ({
  id: r.id,
  packageId: r.package_id,
  planId: r.plan_id,
  sender: r.sender,
  senderRole: r.sender_role,
  senderName: r.sender_name,
  recipient: r.recipient,
  seq: r.seq,
  full: r.full_plan,
  base: r.base_package_id !== null && r.base_seq !== null ? { packageId: r.base_package_id, seq: r.base_seq } : null,
  envelope: r.envelope,
  sha256: r.sha256.toString('hex'),
  size: r.size,
  receivedAt: r.received_at.toISOString(),
  receivedBy: r.received_by,
});

export interface PushResult {
  package: StoredPackage;
  /** false: this very package was already stored (a repeated push), nothing written */
  stored: boolean;
  /** what applying it to the hub's plan did (hub/plans/apply.ts); null for a repeated push */
  applied: Applied | null;
}

/**
 * Pushes of one plan wait their turn in this process before they take a connection. Waiting inside
 * PostgreSQL (on the advisory lock) would hold one of the pool's few connections per waiting push: forty
 * districts pushing to one plan at once left none for logins and readers, which were answered 503 (the load
 * bench, `npm run bench -- hub-load`). The advisory lock stays, for a second hub on the same database.
 */
const turns = new Map<string, Promise<unknown>>();
function inTurn<T>(planId: string, work: () => Promise<T>): Promise<T> {
  const before = turns.get(planId) ?? Promise.resolve();
  const run = before.then(work, work);
  const done = run.then(
    () => undefined,
    () => undefined,
  );
  turns.set(planId, done);
  void done.then(() => {
    if (turns.get(planId) === done) turns.delete(planId);
  });
  return run;
}

/** Stores the package and applies it to the hub's plan, in one transaction (a refusal while applying stores nothing). */
export async function storePackage(db: Db, e: Envelope, bytes: Buffer, sha: Buffer, by: Account, address: string, content: PackageContent): Promise<PushResult> {
  return inTurn(e.planId, () => storeInTransaction(db, e, bytes, sha, by, address, content));
}

function storeInTransaction(db: Db, e: Envelope, bytes: Buffer, sha: Buffer, by: Account, address: string, content: PackageContent): Promise<PushResult> {
  return transaction(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PUSH_LOCK, e.planId]);
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO packages (package_id, plan_id, sender, sender_role, sender_name, recipient, seq, full_plan, base_package_id, base_seq, envelope, bytes, sha256, size, received_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT DO NOTHING RETURNING id::text AS id`,
      // the base from the manifest (signed, checked against an envelope that names one; plandesk sync's leaves it
      // out): 报送情况 places a report in its round by it (hub/plans/rounds.ts)
      [e.packageId, e.planId, senderKey(e), e.sender.role, e.sender.name, recipientKey(e), e.seq, e.full, content.manifest.base?.packageId ?? null, content.manifest.base?.seq ?? null, JSON.stringify(e), bytes, sha, bytes.length, by.id],
    );
    const id = inserted.rows[0]?.id;
    if (id !== undefined) {
      // whose key signed it: trusted on the hub for the sender's role and district, or refused (rolled back)
      await checkSigner(tx, content);
      await audit(tx, {
        accountId: by.id,
        accountName: by.name,
        action: 'package.push',
        address,
        details: { id, packageId: e.packageId, planId: e.planId, sender: senderKey(e), recipient: recipientKey(e), seq: e.seq, size: bytes.length },
      });
      const applied = await applyPackage(tx, id, content, by, address);
      const row = (await tx.query<Row>(`SELECT ${COLUMNS} FROM packages p JOIN accounts a ON a.id = p.received_by WHERE p.id = $1`, [id])).rows[0]!;
      return { package: of(row), stored: true, applied };
    }
    // the same package again, or another one under a sequence number already taken
    const same = (
      await tx.query<Row>(
        `SELECT ${COLUMNS} FROM packages p JOIN accounts a ON a.id = p.received_by
          WHERE p.package_id = $1 OR (p.plan_id = $2 AND p.sender = $3 AND p.recipient = $4 AND p.seq = $5) ORDER BY p.id LIMIT 1`,
        [e.packageId, e.planId, senderKey(e), recipientKey(e), e.seq],
      )
    ).rows[0]!;
    if (same.package_id === e.packageId && same.sha256.equals(sha)) return { package: of(same), stored: false, applied: null };
    const who = e.sender.role === 'city' ? '市里' : e.sender.district ?? '';
    throw new HubError(
      'CONFLICT',
      same.package_id === e.packageId
        ? `报送包 ${e.packageId} 已经存过，内容却不同，未保存。`
        : `${who}发往${recipientKey(e) === 'city' ? '市里' : recipientKey(e)}的第 ${e.seq} 号报送包已经存过另一个（${same.package_id}），未保存。`,
      'hub.packageSeqTaken',
      { seq: e.seq, existing: same.package_id },
    );
  });
}

export async function listPackages(db: Db, f: { planId: string | null; after: number; to: string | null; limit?: number }): Promise<{ packages: StoredPackage[]; more: boolean }> {
  const limit = f.limit ?? LIST_LIMIT;
  const rows = (
    await query<Row>(
      db,
      `SELECT ${COLUMNS} FROM packages p JOIN accounts a ON a.id = p.received_by
        WHERE p.id > $1 AND ($2::text IS NULL OR p.plan_id = $2) AND ($3::text IS NULL OR p.recipient = $3)
        ORDER BY p.id LIMIT $4`,
      [f.after, f.planId, f.to, limit + 1],
    )
  ).rows;
  return { packages: rows.slice(0, limit).map(of), more: rows.length > limit };
}

export async function getPackage(db: Db, id: string): Promise<(StoredPackage & { bytes: Buffer }) | null> {
  const r = (await query<Row & { bytes: Buffer }>(db, `SELECT ${COLUMNS}, p.bytes FROM packages p JOIN accounts a ON a.id = p.received_by WHERE p.id = $1`, [id])).rows[0];
  return r ? { ...of(r), bytes: r.bytes } : null;
}
