/**
 * The store the department name and wording tests share (departments.merge/rename and what versions,
 * history and the workbook then say): 市金融监管局 (u-1), 市金融工作局 (u-2), 市经济信息委 (u-3), the plans
 * p1 金融规划 and p2 另一个规划, and the tasks each test lists as [id, number, lead, participating].
 */
import { builtStore } from './store.ts';

export type LedgerLine = readonly [id: string, number: string, lead: readonly string[], participating?: readonly string[]];

export interface FinanceStoreOptions {
  /** tasks of p2 (另一个规划); without any, p2 is not made */
  p2?: readonly LedgerLine[];
  /** give 市金融监管局 and 市金融工作局 their aliases (金融监管局, 市金融办) */
  aliases?: boolean;
}

export function financeStore(p1: readonly LedgerLine[], options: FinanceStoreOptions = {}) {
  return builtStore((b) => {
    b.department('市金融监管局', options.aliases ? ['金融监管局'] : []);
    b.department('市金融工作局', options.aliases ? ['市金融办'] : []);
    b.department('市经济信息委');
    const task = ([id, number, lead, part = []]: LedgerLine) => ({
      id, number, section: null, title: `任务${number}`, description: null, leadDepartments: [...lead], participatingDepartments: [...part], districts: [],
      deadline: null, deadlineText: null, quantitativeGoal: null, source: 'test',
    });
    b.plan({ id: 'p1', title: '金融规划' }).tasks.push(...p1.map(task));
    if (options.p2) b.plan({ id: 'p2', title: '另一个规划' }).tasks.push(...options.p2.map(task));
  });
}
