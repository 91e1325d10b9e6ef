/**
 * Accounts of the hub: add, disable, enable, list. Checked first, then written in one transaction with its
 * audit row. Used by `plandesk hub user …` (hub/cli.ts) and by the admin's calls (hub/server/).
 */
import { audit } from '../audit.ts';
import { HubError } from '../errors.ts';
import { query, transaction, type Db } from '../pg.ts';
import { isRole, ROLES, ROLE_NAMES, type Role } from '../roles.ts';
import { hashPassword, passwordProblem } from './password.ts';

export interface Account {
  id: string;
  name: string;
  role: Role;
  district: string | null;
  department: string | null;
  disabledAt: string | null;
  lockedUntil: string | null;
  createdAt: string;
}

export interface AccountRow {
  id: string;
  name: string;
  role: string;
  district: string | null;
  department: string | null;
  disabled_at: Date | null;
  locked_until: Date | null;
  created_at: Date;
}

/** The columns of an AccountRow, of the table or of an alias of it (`a.`). */
export const accountColumns = (alias = ''): string =>
  ['id::text AS id', 'name', 'role', 'district', 'department', 'disabled_at', 'locked_until', 'created_at'].map((c) => alias + c).join(', ');
export const ACCOUNT_COLUMNS = accountColumns();

export function accountOf(r: AccountRow): Account {
  if (!isRole(r.role)) throw new Error(`unknown role ${r.role}`);
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    district: r.district,
    department: r.department,
    disabledAt: r.disabled_at ? r.disabled_at.toISOString() : null,
    lockedUntil: r.locked_until ? r.locked_until.toISOString() : null,
    createdAt: r.created_at.toISOString(),
  };
}

export interface NewAccount {
  name: string;
  role: string;
  district?: string | undefined;
  department?: string | undefined;
  password: string;
}

const invalid = (message: string, reason: string, params?: Record<string, string | number>) => new HubError('INVALID_INPUT', message, reason, params);

function nameProblem(label: string, v: string): HubError | null {
  if (v.trim() !== v || v === '') return invalid(`${label}不能为空，也不能以空格开头或结尾。`, 'hub.nameBlank', { field: label });
  if ([...v].length > 64) return invalid(`${label}太长：最多 64 个字符。`, 'hub.nameTooLong', { field: label });
  if (/[\u0000-\u001f\u007f]/.test(v)) return invalid(`${label}里不能有控制字符。`, 'hub.nameControl', { field: label });
  return null;
}

export async function addAccount(db: Db, input: NewAccount, by: { name: string; accountId?: string; address?: string | null } = { name: 'plandesk hub user add' }): Promise<Account> {
  const problem = nameProblem('账号名', input.name);
  if (problem) throw problem;
  if (!isRole(input.role)) throw invalid(`角色“${input.role}”不存在：应为 ${ROLES.join('、')} 之一。`, 'hub.unknownRole', { role: input.role });
  const role = input.role;
  if (role === 'district' && !input.district) throw invalid('区县账号必须用 --district 指定所属区县。', 'hub.districtRequired');
  if (role !== 'district' && input.district) throw invalid(`只有区县账号才有所属区县（${ROLE_NAMES[role]}不能指定 --district）。`, 'hub.districtNotAllowed', { role });
  for (const [label, v] of [['区县', input.district], ['部门', input.department]] as const) {
    const p = v === undefined ? null : nameProblem(label, v);
    if (p) throw p;
  }
  const pw = passwordProblem(input.password);
  if (pw) throw invalid(pw, 'hub.passwordWeak');
  const hash = await hashPassword(input.password);
  return transaction(db, async (tx) => {
    const taken = await tx.query('SELECT 1 FROM accounts WHERE name = $1', [input.name]);
    if (taken.rowCount) throw new HubError('CONFLICT', `账号“${input.name}”已存在。`, 'hub.accountExists', { name: input.name });
    const row = (
      await tx.query<AccountRow>(
        `INSERT INTO accounts (name, role, district, department, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${ACCOUNT_COLUMNS}`,
        [input.name, role, input.district ?? null, input.department ?? null, hash],
      )
    ).rows[0]!;
    await audit(tx, { accountId: by.accountId ?? null, accountName: by.name, action: 'account.add', address: by.address ?? null, details: { name: input.name, role, district: input.district ?? null, department: input.department ?? null } });
    return accountOf(row);
  });
}

/** Disables an account and ends its sessions at once (one transaction). */
export async function disableAccount(db: Db, name: string, by: { name: string; accountId?: string; address?: string | null } = { name: 'plandesk hub user disable' }): Promise<Account> {
  return transaction(db, async (tx) => {
    const row = (await tx.query<AccountRow>(`UPDATE accounts SET disabled_at = coalesce(disabled_at, now()) WHERE name = $1 RETURNING ${ACCOUNT_COLUMNS}`, [name])).rows[0];
    if (!row) throw new HubError('NOT_FOUND', `没有名为“${name}”的账号。`, 'hub.accountNotFound', { name });
    const ended = await tx.query('DELETE FROM sessions WHERE account_id = $1', [row.id]);
    await audit(tx, { accountId: by.accountId ?? null, accountName: by.name, action: 'account.disable', address: by.address ?? null, details: { name, sessionsEnded: ended.rowCount ?? 0 } });
    return accountOf(row);
  });
}

/** Enables a disabled account again (its lockout, if any, runs on as it was); one transaction with its audit row. */
export async function enableAccount(db: Db, name: string, by: { name: string; accountId?: string; address?: string | null }): Promise<Account> {
  return transaction(db, async (tx) => {
    const before = (await tx.query<{ disabled: boolean }>('SELECT disabled_at IS NOT NULL AS disabled FROM accounts WHERE name = $1 FOR UPDATE', [name])).rows[0];
    if (!before) throw new HubError('NOT_FOUND', `没有名为“${name}”的账号。`, 'hub.accountNotFound', { name });
    const row = (await tx.query<AccountRow>(`UPDATE accounts SET disabled_at = NULL WHERE name = $1 RETURNING ${ACCOUNT_COLUMNS}`, [name])).rows[0]!;
    await audit(tx, { accountId: by.accountId ?? null, accountName: by.name, action: 'account.enable', address: by.address ?? null, details: { name, wasDisabled: before.disabled } });
    return accountOf(row);
  });
}

export async function listAccounts(db: Db): Promise<Account[]> {
  return (await query<AccountRow>(db, `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY name COLLATE "C"`)).rows.map(accountOf);
}
