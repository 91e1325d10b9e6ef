/**
 * The 报送包 command of the desktop menu (文件 → 报送包 → 导出报送包… / 导入报送包…, electron/package-menu.ts), as the
 * tab receives it: the route's focus `action=export` or `action=import`. The web host reaches the same command by
 * the same route (`#/plan/<id>/packages/action%3Dexport`). Pure.
 */
export type PackageCommand = 'export' | 'import';

export function packageCommandOf(focus: string): PackageCommand | null {
  const action = new URLSearchParams(focus).get('action');
  return action === 'export' || action === 'import' ? action : null;
}
