/**
 * 文件 → 报送包 → 导出报送包… / 导入报送包… (issue 15): the command opens the current plan's 报送包 tab with the
 * export dialog open, or with its import called up (the tab handles `action=export|import`:
 * renderer/src/features/packages/command.ts, which the web host reaches by the same route). Pure: the main
 * process only loads the hash this answers, or shows the message.
 */
import { planIdFromUrl } from './args.ts';

export type PackageCommand = 'export' | 'import';

/** The hash route of the 报送包 tab doing `command` for a plan (renderer/src/router.ts routeHref's form). */
export function packageCommandHash(planId: string, command: PackageCommand): string {
  return `#/plan/${encodeURIComponent(planId)}/packages/${encodeURIComponent(`action=${command}`)}`;
}

/** What the menu command does in a window showing `url`: load a hash, or say that no plan is open. */
export function packageMenuTarget(url: string, command: PackageCommand): { hash: string } | { noPlan: true } {
  const planId = planIdFromUrl(url);
  return planId ? { hash: packageCommandHash(planId, command) } : { noPlan: true };
}
