/** The hub's audit log (append-only in the schema: a trigger refuses UPDATE, DELETE and TRUNCATE). */
import type { Queryable } from './pg.ts';
import { query } from './pg.ts';

export interface AuditEntry {
  accountId?: string | null;
  accountName?: string | null;
  action: string;
  address?: string | null;
  details?: Record<string, unknown>;
}

export async function audit(db: Queryable, e: AuditEntry): Promise<void> {
  await query(db, 'INSERT INTO audit_log (account_id, account_name, action, client_address, details) VALUES ($1, $2, $3, $4, $5)', [
    e.accountId ?? null,
    e.accountName ?? null,
    e.action,
    e.address ?? null,
    JSON.stringify(e.details ?? {}),
  ]);
}
