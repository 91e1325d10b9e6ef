/** Accounts the hub tests log in with, written through the same core as `plandesk hub user add`. */
import { addAccount } from '../../hub/accounts/accounts.ts';
import type { Db } from '../../hub/pg.ts';

export const PASSWORDS = { admin: 'admin password 2026', officer: 'officer password 26', reviewer: 'reviewer password 1', district: 'district password 1' } as const;

export async function seedAccounts(db: Db): Promise<void> {
  await addAccount(db, { name: 'admin', role: 'admin', password: PASSWORDS.admin });
  await addAccount(db, { name: 'officer', role: 'officer', department: '市发展改革委', password: PASSWORDS.officer });
  await addAccount(db, { name: 'reviewer', role: 'reviewer', password: PASSWORDS.reviewer });
  await addAccount(db, { name: 'rongchang', role: 'district', district: '荣昌区', password: PASSWORDS.district });
}
