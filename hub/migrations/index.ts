/**
 * The hub's migrations, append-only: a new one is a new file with the next version, listed here.
 * A migration already applied is never edited (the runner keeps each one's checksum and refuses a
 * database whose applied migrations differ from these).
 */
import { migration001 } from './001_accounts.ts';
import { migration002 } from './002_packages.ts';
import { migration003 } from './003_plans.ts';
import { migration004 } from './004_keys.ts';

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

export const hubMigrations: readonly HubMigration[] = [migration001, migration002, migration003, migration004];
