/** `plandesk package export|import|status` run as the bundled CLI a user runs (two homes: the city's and 江津区's). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { ok, tempDir } from '../helpers/store.ts';
import { REVENUE } from '../exchange/helpers.ts';

function cli(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/plandesk.js', ...args], { encoding: 'utf8', env: { ...process.env, PLANDESK_HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function withStore(file: string, home: string, fn: (s: ReturnType<typeof openStore>) => void) {
  const s = openStore(file, { userDir: home });
  try {
    fn(s);
  } finally {
    s.close();
  }
}

describe('plandesk package', () => {
  it('exports, previews, applies, resolves with --take and shows 报送情况', { timeout: 180_000 }, () => {
    const dir = tempDir('plandesk-cli-exchange-');
    const [cityHome, jjHome] = [path.join(dir, 'city-home'), path.join(dir, 'jj-home')];
    const [cityDb, jjDb] = [path.join(dir, 'city.plandesk'), path.join(dir, 'jj.plandesk')];
    expect(cli(cityHome, 'init', '--db', cityDb).code).toBe(0);
    expect(cli(jjHome, 'init', '--db', jjDb, '--empty').code).toBe(0);
    expect(cli(cityHome, 'identity', 'set', '--db', cityDb, '--name', '王经信', '--department', '市经济信息委').code).toBe(0);
    expect(cli(jjHome, 'identity', 'set', '--db', jjDb, '--name', '李江津', '--department', '市经济信息委', '--district', '江津区').code).toBe(0);
    // keys exchanged as files and trusted in their roles (plandesk keys, db/keys)
    const [cityKey, jjKey] = [path.join(dir, 'city.pdkey'), path.join(dir, 'jj.pdkey')];
    expect(cli(cityHome, 'keys', 'export', '--db', cityDb, '--out', cityKey).code).toBe(0);
    expect(cli(jjHome, 'keys', 'export', '--db', jjDb, '--out', jjKey).code).toBe(0);
    expect(cli(cityHome, 'keys', 'trust', '--db', cityDb, jjKey, '--district', '江津区').code).toBe(0);
    expect(cli(jjHome, 'keys', 'trust', '--db', jjDb, cityKey, '--city').code).toBe(0);

    const full = path.join(dir, 'to-jj.pdpkg');
    const ex = cli(cityHome, 'package', 'export', '--db', cityDb, '--plan', '渝府〔2023〕13号', '--to', '江津区', '--out', full);
    expect(ex.err).toBe('');
    expect(ex.out).toContain('发往江津区，第 1 号，全量');
    const created = cli(jjHome, 'package', 'import', '--db', jjDb, full, '--apply');
    expect(created.err).toBe('');
    expect(created.out).toContain('已合并');

    withStore(jjDb, jjHome, (s) => ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: 'd-500116', year: 2025, kind: 'actual', value: '612.5' }));
    withStore(cityDb, cityHome, (s) => ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: 'd-500116', year: 2025, kind: 'actual', value: '600' }));
    const report = path.join(dir, 'from-jj.pdpkg');
    expect(cli(jjHome, 'package', 'export', '--db', jjDb, '--plan', 'p-yufu-2023-13', '--to', 'city', '--out', report).code).toBe(0);

    const pre = cli(cityHome, 'package', 'import', '--db', cityDb, report, '--json');
    expect(pre.code).toBe(0);
    const p = JSON.parse(pre.out) as { status: string; kept: boolean; conflicts: { kind: string; mineRow: { value: string }; theirsRow: { value: string } }[] };
    expect(p.status).toBe('conflicts');
    expect(p.kept).toBe(false);
    // both sides added the 2025 actual of 江津区: two new rows with one natural key
    expect(p.conflicts.map((c) => [c.kind, c.mineRow.value, c.theirsRow.value])).toEqual([['sameKey', '600', '612.5']]);
    expect(cli(cityHome, 'package', 'import', '--db', cityDb, report).out).toContain('本方 value=600｜对方 value=612.5');
    const refused = cli(cityHome, 'package', 'import', '--db', cityDb, report, '--apply');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('1 处冲突没有解决');
    const applied = cli(cityHome, 'package', 'import', '--db', cityDb, report, '--apply', '--take', 'theirs');
    expect(applied.err).toBe('');
    expect(applied.out).toContain('合并 江津区 报送 #1');
    withStore(cityDb, cityHome, (s) =>
      expect(s.db.prepare("SELECT value FROM target_values WHERE indicator_id = ? AND scope_id = 'd-500116' AND year = 2025 AND kind = 'actual'").get(REVENUE)).toEqual({ value: '612.5' }),
    );
    const again = cli(cityHome, 'package', 'import', '--db', cityDb, report, '--apply');
    expect([again.code, again.out.trim()]).toEqual([0, expect.stringContaining('已于')]);
    const status = cli(cityHome, 'package', 'status', '--db', cityDb, '--plan', 'p-yufu-2023-13');
    expect(status.out).toMatch(/江津区\t已报送\t收到第 1 号/);
    expect(status.out).toMatch(/合川区\t未往来/);
  });
});
