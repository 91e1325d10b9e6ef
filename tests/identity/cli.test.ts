/**
 * `plandesk identity set|show` (cli/commands/identity.ts), run as the bundled CLI a user runs, with
 * PLANDESK_HOME as the user data folder: the identity is shared with every plan file and names the
 * CLI's own writes (version create) in the audit log and the versions.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir, tempFile } from '../helpers/store.ts';

function cli(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/plandesk.js', ...args], { encoding: 'utf8', env: { ...process.env, PLANDESK_HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('plandesk identity', () => {
  it('set checks and keeps the identity in PLANDESK_HOME; show prints it; the CLI’s writes are signed with it', () => {
    const home = tempDir('plandesk-home-');
    const db = tempFile();
    expect(cli(home, 'init', '--db', db).code).toBe(0);
    const none = cli(home, 'identity', 'show', '--db', db);
    expect(none.code).toBe(0);
    expect(none.out).toContain('未署名');

    const set = cli(home, 'identity', 'set', '--db', db, '--name', '王五', '--department', '市人社局', '--district', '江津区');
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    expect(set.out).toContain('市人力社保局');
    expect(JSON.parse(fs.readFileSync(path.join(home, 'identity.json'), 'utf8'))).toMatchObject({ name: '王五', district: '江津区' });

    const shown = cli(home, 'identity', 'show', '--db', db, '--json');
    expect(JSON.parse(shown.out)).toMatchObject({ author: { name: '王五', department: '市人力社保局', district: '江津区', source: 'identity' }, folder: home });

    expect(cli(home, 'version', 'create', '--db', db, '--plan', 'p-yufu-2023-13', '--name', '初稿').code).toBe(0);
    const f = new Database(db, { readonly: true });
    expect(f.prepare('SELECT author FROM versions').get()).toEqual({ author: '王五' });
    f.close();
  });

  it('refuses an unknown district (exit 1, nothing written) and a missing --name (exit 2)', () => {
    const home = tempDir('plandesk-home-');
    const db = tempFile();
    expect(cli(home, 'init', '--db', db).code).toBe(0);
    const bad = cli(home, 'identity', 'set', '--db', db, '--name', '王五', '--department', '市人社局', '--district', '火星区');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('火星区');
    expect(fs.existsSync(path.join(home, 'identity.json'))).toBe(false);
    expect(cli(home, 'identity', 'set', '--db', db, '--department', '市人社局').code).toBe(2);
    expect(cli(home, 'identity', 'show', '--db', path.join(home, 'none.plandesk')).code).toBe(1);
  });
});
