/** The schema as SQLite reports it, in a stable order: what tests/db/schema.snapshot.sql holds. */
import Database from 'better-sqlite3';
import { migrate, type Db } from './connection.ts';

export function schemaText(db: Db): string {
  const rows = db
    .prepare<[], { type: string; name: string; sql: string }>(
      "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all();
  const version = Number(db.pragma('user_version', { simple: true }));
  return `-- PlanDesk schema version ${version}\n${rows.map((r) => `${r.sql.trim()};`).join('\n\n')}\n`;
}

export function freshSchemaText(): string {
  const db = new Database(':memory:');
  try {
    migrate(db);
    return schemaText(db);
  } finally {
    db.close();
  }
}
