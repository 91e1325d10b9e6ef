/**
 * `plandesk identity` + `plandesk keys` (cli/commands/keys.ts) run as the bundled CLI a user runs, on real
 * files, with PLANDESK_HOME in temp folders: a district and the city exchange key files and trust each
 * other; the trust is in the plan file, revocable, and hostile key files are refused with nothing written.
 * The refusals run the same CLI (cli/main.ts main) in this process, except one usage error and one hostile
 * file, which stay processes for their exit status; a process start each less.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir, tempFile } from '../helpers/store.ts';
import { main } from '../../cli/main.ts';

function cli(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/plandesk.js', ...args], { encoding: 'utf8', env: { ...process.env, PLANDESK_HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** The same command in this process (PLANDESK_HOME set for the call): its exit code and output. */
async function here(home: string, ...args: string[]) {
  const before = process.env.PLANDESK_HOME;
  process.env.PLANDESK_HOME = home;
  let out = '';
  let err = '';
  try {
    const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  } finally {
    if (before === undefined) delete process.env.PLANDESK_HOME;
    else process.env.PLANDESK_HOME = before;
  }
}
const CODE = /[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){4}/;

describe('plandesk keys', () => {
  it('a district and the city export key files and trust each other in their plan files', () => {
    const cityHome = tempDir('plandesk-home-');
    const districtHome = tempDir('plandesk-home-');
    const cityDb = tempFile();
    const districtDb = tempFile();
    expect(cli(cityHome, 'init', '--db', cityDb).code).toBe(0);
    expect(cli(districtHome, 'init', '--db', districtDb).code).toBe(0);
    expect(cli(cityHome, 'identity', 'set', '--db', cityDb, '--name', '张三', '--department', '市发展改革委').code).toBe(0);
    expect(cli(districtHome, 'identity', 'set', '--db', districtDb, '--name', '王五', '--department', '市发展改革委', '--district', '江津区').code).toBe(0);

    const shown = cli(districtHome, 'keys', 'show', '--db', districtDb, '--json');
    expect(shown.code).toBe(0);
    const districtKey = JSON.parse(shown.out);
    expect(districtKey.readable).toMatch(CODE);
    expect(fs.statSync(path.join(districtHome, 'signing-key.json')).mode & 0o777).toBe(0o600);

    const dir = tempDir('plandesk-keyfiles-');
    const districtFile = path.join(dir, 'jiangjin.pdkey');
    const exported = cli(districtHome, 'keys', 'export', '--db', districtDb, '--out', districtFile);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(districtKey.readable);
    const onDisk = JSON.parse(fs.readFileSync(districtFile, 'utf8'));
    expect(onDisk).toMatchObject({ format: 'plandesk-public-key', fingerprint: districtKey.fingerprint, holder: { name: '王五', district: '江津区' } });
    expect(fs.readFileSync(districtFile, 'utf8')).not.toContain(JSON.parse(fs.readFileSync(path.join(districtHome, 'signing-key.json'), 'utf8')).privateKey);

    // the city trusts it for 江津区: the code is printed, nothing asked
    const trusted = cli(cityHome, 'keys', 'trust', '--db', cityDb, districtFile, '--district', '江津区');
    expect(trusted.err).toBe('');
    expect(trusted.code).toBe(0);
    expect(trusted.out).toContain(districtKey.readable);
    expect(trusted.out).toContain('王五');
    const f = new Database(cityDb, { readonly: true });
    expect(f.prepare('SELECT role, district_id, holder_name, trusted_by, revoked_at FROM trusted_keys').all()).toEqual([
      { role: 'district', district_id: 'd-500116', holder_name: '王五', trusted_by: '张三（市发展改革委）', revoked_at: null },
    ]);
    expect(f.prepare('SELECT label, user_name FROM change_sets ORDER BY id DESC LIMIT 1').get()).toEqual({ label: '信任江津区的密钥（王五）', user_name: '张三' });
    f.close();
    const list = JSON.parse(cli(cityHome, 'keys', 'list', '--db', cityDb, '--json').out);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ readable: districtKey.readable, districtName: '江津区' });

    // the district trusts the city's key
    const cityFile = path.join(dir, 'city.pdkey');
    expect(cli(cityHome, 'keys', 'export', '--db', cityDb, '--out', cityFile).code).toBe(0);
    const back = cli(districtHome, 'keys', 'trust', '--db', districtDb, cityFile, '--city', '--json');
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out)).toMatchObject({ alreadyTrusted: false, key: { role: 'city', name: '张三' } });

    // revoked by its readable code
    const revoked = cli(cityHome, 'keys', 'revoke', '--db', cityDb, districtKey.readable.toLowerCase());
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain('已撤销');
    expect(cli(cityHome, 'keys', 'list', '--db', cityDb).out).toContain('还没有信任任何密钥');
    expect(cli(cityHome, 'keys', 'list', '--db', cityDb, '--all').out).toContain('已撤销于');
  }, 120_000);

  it('refuses usage errors and hostile key files, writing nothing', async () => {
    const home = tempDir('plandesk-home-');
    const other = tempDir('plandesk-home-');
    const db = tempFile();
    expect((await here(home, 'init', '--db', db)).code).toBe(0);
    const otherDb = tempFile();
    expect((await here(other, 'init', '--db', otherDb)).code).toBe(0);
    expect((await here(other, 'identity', 'set', '--db', otherDb, '--name', '王五', '--department', '市发展改革委', '--district', '江津区')).code).toBe(0);
    const dir = tempDir('plandesk-keyfiles-');
    const good = path.join(dir, 'good.pdkey');
    expect((await here(other, 'keys', 'export', '--db', otherDb, '--out', good)).code).toBe(0);

    // both or neither of --district / --city: usage
    expect((await here(home, 'keys', 'trust', '--db', db, good)).code).toBe(2);
    expect((await here(home, 'keys', 'trust', '--db', db, good, '--city', '--district', '江津区')).code).toBe(2);
    expect(cli(home, 'keys', 'nonsense').code).toBe(2);

    const tampered = path.join(dir, 'tampered.pdkey');
    const body = JSON.parse(fs.readFileSync(good, 'utf8'));
    fs.writeFileSync(tampered, JSON.stringify({ ...body, holder: { ...body.holder, name: '李四' }, fingerprint: 'b'.repeat(64) }));
    const r1 = cli(home, 'keys', 'trust', '--db', db, tampered, '--district', '江津区');
    expect(r1.code).toBe(1);
    expect(r1.err).toContain('指纹');
    const huge = path.join(dir, 'huge.pdkey');
    fs.writeFileSync(huge, Buffer.alloc(5 << 20, 0x20));
    const r2 = await here(home, 'keys', 'trust', '--db', db, huge, '--district', '江津区');
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('过大');
    const r3 = await here(home, 'keys', 'trust', '--db', db, path.join(dir, 'missing.pdkey'), '--district', '江津区');
    expect(r3.code).toBe(1);
    const r4 = await here(home, 'keys', 'trust', '--db', db, good, '--district', '火星区');
    expect(r4.code).toBe(1);
    expect(r4.err).toContain('火星区');
    const f = new Database(db, { readonly: true });
    expect(f.prepare('SELECT count(*) AS n FROM trusted_keys').get()).toEqual({ n: 0 });
    f.close();
  }, 120_000);
});
