/**
 * The ordered, append-only list of migrations. A shipped migration is never edited: add the next
 * file and list it here. tests/db/schema.test.ts compares the result with tests/db/schema.snapshot.sql.
 */
import m001 from './001_initial.ts';
import m002 from './002_versions.ts';
import m003 from './003_departments.ts';
import m004 from './004_identity_comments.ts';
import m005 from './005_task_figures.ts';
import m006 from './006_plan_authoring.ts';
import m007 from './007_catalog.ts';
import m008 from './008_notes_saver_district_figures.ts';
import m009 from './009_as_written.ts';
import m010 from './010_leaders.ts';
import m011 from './011_trusted_keys.ts';
import m012 from './012_exchange.ts';
import m013 from './013_exchange_comments.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013];

// The last migration's number (equal to their count once every number is in).
export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
