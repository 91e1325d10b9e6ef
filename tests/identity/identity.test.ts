/**
 * identity.get / identity.set (db/identity/): the user's identity lives in the user's data folder,
 * not in the plan file; it is checked against the file's lists, written atomically, and named by
 * every change after it (audit log with department and district, cell history, versions).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import { IDENTITY_FILE, userDataDir } from '../../db/identity/folder.ts';
import { ok, tempDir, tempFile } from '../helpers/store.ts';

const PLAN = 'p-yufu-2023-13';
const stores: PlanStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
});
function store(file = tempFile(), userDir: string | null = tempDir('plandesk-home-'), readonly = false): PlanStore {
  const s = openStore(file, { create: readonly ? false : 'seed', userDir, readonly, now: () => '2026-12-01T04:00:00.000Z' });
  stores.push(s);
  return s;
}
const lastChangeSet = (s: PlanStore) =>
  s.db.prepare('SELECT user_name, user_department, user_district FROM change_sets ORDER BY id DESC LIMIT 1').get();
const refusal = (s: PlanStore, name: string, input: unknown) => {
  const r = s.call(name, input);
  return r.ok ? null : r.error;
};

describe('identity', () => {
  it('keeps name, department and district in the user data folder, and every later change names them', () => {
    const home = tempDir('plandesk-home-');
    const s = store(tempFile(), home);
    expect(ok(s, 'identity.get', {})).toEqual({ identity: null, author: { name: '未署名', department: null, district: null, source: 'none' }, folder: home });
    const set = ok<{ identity: Record<string, unknown> }>(s, 'identity.set', { name: ' 王五 ', department: '市人社局', district: '江津区' });
    // an alias of the departments list is stored under the department's own name; the district by the list
    expect(set.identity).toEqual({ name: '王五', department: '市人力社保局', departmentId: 'u-renli-shebaoju', district: '江津区', districtId: 'd-500116', updatedAt: '2026-12-01T04:00:00.000Z' });
    const onDisk = JSON.parse(fs.readFileSync(path.join(home, IDENTITY_FILE), 'utf8'));
    expect(onDisk.name).toBe('王五');
    expect(fs.readdirSync(home)).toEqual([IDENTITY_FILE]); // no temporary file left
    if (process.platform !== 'win32') expect(fs.statSync(path.join(home, IDENTITY_FILE)).mode & 0o777).toBe(0o600);
    // not in the plan file
    expect(s.db.prepare("SELECT count(*) AS n FROM preferences WHERE value LIKE '%王五%'").get()).toEqual({ n: 0 });

    ok(s, 'plans.update', { planId: PLAN, patch: { source: '测试' } });
    expect(lastChangeSet(s)).toEqual({ user_name: '王五', user_department: '市人力社保局', user_district: '江津区' });
    const h = ok<{ userName: string; userDepartment: string | null; userDistrict: string | null }[]>(s, 'history.cell', { entity: 'plan', entityId: PLAN, field: 'source' });
    expect(h.at(-1)).toMatchObject({ userName: '王五', userDepartment: '市人力社保局', userDistrict: '江津区' });
    ok(s, 'history.undo', { planId: PLAN });
    expect(lastChangeSet(s)).toEqual({ user_name: '王五', user_department: '市人力社保局', user_district: '江津区' });
    expect(ok<{ author: string }>(s, 'versions.create', { planId: PLAN, name: '初稿' }).author).toBe('王五');
    expect(ok<{ userName: string }>(s, 'app.info', {}).userName).toBe('王五');

    // another plan file, same user folder: the same identity
    const other = store(tempFile(), home);
    expect(ok<{ author: { name: string } }>(other, 'identity.get', {}).author.name).toBe('王五');
  });

  it('takes a department that is not in the list as typed; a city user has no district', () => {
    const s = store();
    const r = ok<{ identity: Record<string, unknown>; author: Record<string, unknown> }>(s, 'identity.set', { name: '赵六', department: '区发展改革委' });
    expect(r.identity).toMatchObject({ department: '区发展改革委', departmentId: null, district: null, districtId: null });
    expect(r.author).toEqual({ name: '赵六', department: '区发展改革委', district: null, source: 'identity' });
  });

  it('refuses, naming each field, an empty name, an empty department, an unknown district or forbidden characters; the old identity stays', () => {
    const home = tempDir('plandesk-home-');
    const s = store(tempFile(), home);
    ok(s, 'identity.set', { name: '王五', department: '市人社局' });
    const before = fs.readFileSync(path.join(home, IDENTITY_FILE), 'utf8');
    expect(refusal(s, 'identity.set', { name: '  ', department: '' })).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'name' }, { field: 'department' }] });
    const unknown = refusal(s, 'identity.set', { name: '王五', department: '市人社局', district: '火星区' });
    expect(unknown).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'district' }] });
    expect(unknown?.issues[0]?.message).toContain('火星区');
    expect(refusal(s, 'identity.set', { name: '王\uFFFE五', department: '市人社局' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(refusal(s, 'identity.set', { name: 'x'.repeat(501), department: '市人社局' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(fs.readFileSync(path.join(home, IDENTITY_FILE), 'utf8')).toBe(before);
  });

  it('falls back to the plan file’s old preferences.userName, then 未署名; a damaged identity file counts as none', () => {
    const home = tempDir('plandesk-home-');
    const s = store(tempFile(), home);
    ok(s, 'preferences.set', { userName: '李四' });
    expect(ok<{ author: unknown }>(s, 'identity.get', {}).author).toEqual({ name: '李四', department: null, district: null, source: 'plan' });
    ok(s, 'plans.update', { planId: PLAN, patch: { source: 'a' } });
    expect(lastChangeSet(s)).toEqual({ user_name: '李四', user_department: null, user_district: null });
    ok(s, 'identity.set', { name: '王五', department: '市人社局' });
    expect(ok<{ author: { name: string } }>(s, 'identity.get', {}).author.name).toBe('王五');
    fs.writeFileSync(path.join(home, IDENTITY_FILE), '{"name": 3');
    expect(ok<{ identity: unknown; author: { name: string } }>(s, 'identity.get', {})).toMatchObject({ identity: null, author: { name: '李四' } });
    fs.writeFileSync(path.join(home, IDENTITY_FILE), JSON.stringify({ name: '王五' }));
    expect(ok<{ identity: unknown }>(s, 'identity.get', {}).identity).toBeNull();
  });

  it('an identity written by another process (plandesk identity set beside an open workbench) counts from the next change', () => {
    const home = tempDir('plandesk-home-');
    const s = store(tempFile(), home);
    ok(s, 'identity.set', { name: '王五', department: '市人社局' });
    ok(s, 'plans.update', { planId: PLAN, patch: { source: 'a' } });
    const other = store(tempFile(), home);
    ok(other, 'identity.set', { name: '钱七', department: '市财政局' });
    ok(s, 'plans.update', { planId: PLAN, patch: { source: 'b' } });
    expect(lastChangeSet(s)).toMatchObject({ user_name: '钱七' });
  });

  it('works on a plan file opened read-only (only the user folder is written); refused with no user folder', () => {
    const file = tempFile();
    store(file).close();
    const home = tempDir('plandesk-home-');
    const ro = store(file, home, true);
    expect(ok<{ identity: { name: string } }>(ro, 'identity.set', { name: '王五', department: '市人社局' }).identity.name).toBe('王五');
    const none = store(tempFile(), null);
    expect(refusal(none, 'identity.set', { name: '王五', department: '市人社局' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(ok<{ folder: null }>(none, 'identity.get', {}).folder).toBeNull();
  });

  it('the user data folder: PLANDESK_HOME, else the host’s folder (Electron userData), else the OS folder; openStore reads PLANDESK_HOME', () => {
    expect(userDataDir({ PLANDESK_HOME: '/tmp/x' }, '/elsewhere')).toBe(path.resolve('/tmp/x'));
    expect(userDataDir({}, '/app/userData')).toBe('/app/userData');
    expect(userDataDir({ XDG_CONFIG_HOME: '/cfg' })).toBe(process.platform === 'linux' ? path.join('/cfg', 'PlanDesk') : userDataDir({}));
    const home = tempDir('plandesk-home-');
    const file = tempFile();
    // a child process, so this process's environment stays as it is
    const script = `import { openStore } from './db/store.ts'; const s = openStore(${JSON.stringify(file)}, { create: 'seed' }); console.log(JSON.stringify(s.call('identity.get', {}))); s.close();`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, PLANDESK_HOME: home }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, value: { folder: home } });
  });
});

describe('identity file writes', () => {
  it('a user folder that cannot be written is refused with its name, never a crash', () => {
    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, '');
    const s = store(tempFile(), blocked);
    const r = s.call('identity.set', { name: '王五', department: '市人社局' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(r.ok ? '' : r.error.message).toContain(blocked);
  });
});
