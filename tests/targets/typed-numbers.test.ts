/** Numbers typed the way planners type them (issue 13): a magnitude or a unit in the text, through targets.set / setMany. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';

const REV = 'p-yufu-2023-13/i/revenue'; // 亿元
const cellOf = (store: ReturnType<typeof seededStore>, scopeId: string, kind = 'target') =>
  store.db.prepare("SELECT value, text FROM target_values WHERE indicator_id = ? AND scope = 'district' AND scope_id = ? AND year = 2027 AND period = '' AND kind = ?").get(REV, scopeId, kind);

describe('typed values in an 亿元 cell', () => {
  it('"1.2万" is 12000 亿元 (not 0.00012), its wording kept; "5000万元" is 0.5; "1.2万亿元" is 12000', () => {
    const store = seededStore();
    const set = (value: string) => ok(store, 'targets.set', { indicatorId: REV, scope: 'district', scopeId: 'd-500153', year: 2027, kind: 'target', value });
    set('1.2万');
    expect(cellOf(store, 'd-500153')).toEqual({ value: '12000', text: '1.2万' });
    set('5000万元');
    expect(cellOf(store, 'd-500153')).toEqual({ value: '0.5', text: '5000万元' });
    set('1.2万亿元');
    expect(cellOf(store, 'd-500153')).toEqual({ value: '12000', text: '1.2万亿元' });
    // An actual typed in 完成情况 goes through the same rule.
    ok(store, 'targets.set', { indicatorId: REV, scope: 'district', scopeId: 'd-500153', year: 2027, period: '', kind: 'actual', value: '0.1万' });
    expect(cellOf(store, 'd-500153', 'actual')).toEqual({ value: '1000', text: '0.1万' });
  });

  it('an incompatible unit is refused, naming the units and the cell, and nothing of the block is written', () => {
    const store = seededStore();
    const before = cellOf(store, 'd-500153');
    const one = store.call('targets.set', { indicatorId: REV, scope: 'district', scopeId: 'd-500153', year: 2027, kind: 'target', value: '5万人' });
    expect(!one.ok && one.error.message).toBe('“5万人”的单位“万人”与本指标的单位“亿元”不相符，无法换算');
    const block = store.call('targets.setMany', {
      planId: 'p-yufu-2023-13',
      cells: [
        { indicatorId: REV, scope: 'district', scopeId: 'd-500116', year: 2027, kind: 'target', value: '3100', row: 1, field: 'y2027' },
        { indicatorId: REV, scope: 'district', scopeId: 'd-500153', year: 2027, kind: 'target', value: '30%', row: 8, field: 'y2027' },
      ],
    });
    expect(block.ok).toBe(false);
    if (!block.ok) expect(block.error.issues).toEqual([{ row: 8, field: 'y2027', message: '“30%”的单位“%”与本指标的单位“亿元”不相符，无法换算', reason: 'target.value', params: { text: '30%' } }]);
    expect(cellOf(store, 'd-500153')).toEqual(before);
    expect(cellOf(store, 'd-500116')).toEqual({ value: '3000', text: '3000亿元' });
  });
});
