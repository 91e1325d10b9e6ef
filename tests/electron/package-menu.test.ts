/** 文件 → 报送包 in the desktop menu: the entries, and the pure decision the main process follows (electron/package-menu.ts). */
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../electron/menu.ts';
import { packageCommandHash, packageMenuTarget } from '../../electron/package-menu.ts';
import { parseRoute } from '../../renderer/src/router.ts';
import { packageCommandOf } from '../../renderer/src/features/packages/command.ts';

type Item = { label?: string; submenu?: Item[]; click?: () => void };

describe('文件 → 报送包', () => {
  it('has 导出报送包… and 导入报送包…, each calling the command', () => {
    const calls: string[] = [];
    const noop = () => {};
    const menu = buildMenuTemplate(
      { newFile: noop, openFile: noop, openRecent: noop, saveAs: noop, exportPlan: noop, quit: noop, packageCommand: (c) => calls.push(c) },
      [],
      false,
    ) as Item[];
    const file = menu[0]!.submenu!;
    const packages = file.find((i) => i.label === '报送包')!;
    expect(packages.submenu!.map((i) => i.label)).toEqual(['导出报送包…', '导入报送包…']);
    packages.submenu![0]!.click!();
    packages.submenu![1]!.click!();
    expect(calls).toEqual(['export', 'import']);
    // a host without the command (older wiring) shows no entry
    const without = buildMenuTemplate({ newFile: noop, openFile: noop, openRecent: noop, saveAs: noop, exportPlan: noop, quit: noop }, [], false) as Item[];
    expect(without[0]!.submenu!.some((i) => i.label === '报送包')).toBe(false);
  });

  it('opens the current plan\'s 报送包 tab with the command, which the renderer reads back; no plan open: says so', () => {
    const url = 'file:///opt/plandesk/index.html#/plan/p-yufu-2023-13%2F2/indicators/row%3Dx';
    for (const command of ['export', 'import'] as const) {
      const t = packageMenuTarget(url, command);
      expect(t).toEqual({ hash: packageCommandHash('p-yufu-2023-13/2', command) });
      if (!('hash' in t)) continue;
      const route = parseRoute(t.hash);
      expect(route).toMatchObject({ screen: 'plan', planId: 'p-yufu-2023-13/2', tab: 'packages' });
      expect(route.screen === 'plan' && packageCommandOf(route.focus)).toBe(command);
    }
    expect(packageMenuTarget('file:///opt/plandesk/index.html#/', 'export')).toEqual({ noPlan: true });
    expect(packageMenuTarget('file:///opt/plandesk/index.html#/draft/abc', 'import')).toEqual({ noPlan: true });
    expect(packageCommandOf('')).toBeNull();
    expect(packageCommandOf('action=delete')).toBeNull();
  });
});
