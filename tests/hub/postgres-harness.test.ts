/**
 * The hub's tests run on a real PostgreSQL (tests/helpers/postgres.ts): a fresh cluster on a Unix
 * socket in a temp folder, which keeps what was committed across a restart and a crash (SIGKILL).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBin, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

function psql(pg: TestPostgres, sql: string): string {
  const r = spawnSync(path.join(postgresBin()!, 'psql'), ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', pg.host, '-p', String(pg.port), '-U', 'postgres', '-d', 'plandesk', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe('a real PostgreSQL for the hub tests', () => {
  const pg = startPostgres();
  afterAll(() => pg.stop());

  it('listens on its own socket only, keeps committed rows over a restart and a crash, exact numerics', () => {
    expect(psql(pg, "SHOW listen_addresses")).toBe('');
    psql(pg, 'CREATE TABLE t (id int PRIMARY KEY, v numeric)');
    psql(pg, "INSERT INTO t VALUES (1, 6250.00012), (2, 0.1)");
    pg.restart();
    expect(psql(pg, 'SELECT sum(v) FROM t')).toBe('6250.10012');
    psql(pg, "INSERT INTO t VALUES (3, 1)");
    pg.crashAndRecover();
    expect(psql(pg, 'SELECT count(*) FROM t')).toBe('3');
  });
});
