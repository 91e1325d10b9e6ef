/**
 * Applies the hub's migrations (hub/migrations): each one in its own transaction together with its
 * row in schema_migrations, so a failed migration leaves nothing behind. A transaction-scoped
 * advisory lock makes hubs and `plandesk hub user …` started at once apply each migration once.
 */
import { createHash } from 'node:crypto';
import { HubError } from './errors.ts';
import { hubMigrations, type HubMigration } from './migrations/index.ts';
import { query, transaction, type Db } from './pg.ts';

/** pg_advisory_xact_lock key of the migration runner ("PlanDesk" in ASCII) */
const LOCK_KEY = 0x506c616e4465736bn;

export const checksumOf = (m: HubMigration): string => createHash('sha256').update(m.sql).digest('hex');

export interface MigrateResult {
  applied: number[];
  version: number;
}

export async function migrate(db: Db, migrations: readonly HubMigration[] = hubMigrations): Promise<MigrateResult> {
  await query(
    db,
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version    integer PRIMARY KEY,
       name       text NOT NULL,
       checksum   text NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now())`,
  ).catch(async (err: unknown) => {
    // two runners creating it at the same moment: the loser's error is harmless
    const again = await query<{ n: string }>(db, "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'schema_migrations'");
    if (again.rows[0]?.n !== '1') throw err;
  });
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await transaction(db, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY.toString()]);
      const rows = (await tx.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows;
      const known = new Map(migrations.map((x) => [x.version, x]));
      const unknown = rows.find((r) => !known.has(r.version));
      if (unknown)
        throw new HubError('SCHEMA_TOO_NEW', `数据库里有本程序不认识的迁移（第 ${unknown.version} 号 ${unknown.name}），它由更新版本的城市枢纽建立；请升级本程序。`, 'hub.schemaTooNew', { version: unknown.version });
      const mine = rows.find((r) => r.version === m.version);
      if (mine) {
        if (mine.checksum !== checksumOf(m))
          throw new HubError('CONFLICT', `第 ${m.version} 号迁移（${m.name}）与数据库里已执行的不一致：迁移只能新增，不能修改。`, 'hub.migrationChanged', { version: m.version });
        return false;
      }
      await tx.query(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, checksumOf(m)]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return { applied, version: Math.max(0, ...migrations.map((m) => m.version)) };
}
