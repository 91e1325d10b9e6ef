/** The task detail panel's form (renderer/src/features/workbench/taskDraft.ts): what a save sends, and what is refused before it is sent. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../contract/entities.ts';
import { MAX_TEXT } from '../../domain/text.ts';
import { loadCatalogue } from '../helpers/i18n.ts';

type Draft = typeof import('../../renderer/src/features/workbench/taskDraft.ts');
type I18n = typeof import('../../renderer/src/i18n/index.ts');
let checkDraft: Draft['checkDraft'];
let draftOf: Draft['draftOf'];
let patchOf: Draft['patchOf'];
let i18n: I18n;

beforeAll(async () => {
  i18n = await loadCatalogue();
  ({ checkDraft, draftOf, patchOf } = await import('../../renderer/src/features/workbench/taskDraft.ts'));
});

const task: Task = {
  id: 't1', planId: 'p', number: '七（二）', order: 1, section: '七、实施保障', title: '强化政策协同', description: '正文', quantitativeGoal: null, notes: null,
  leadDepartments: [{ id: 'u1', name: '市财政局' }], participatingDepartments: [], districts: [{ id: 'd1', name: '江津区' }],
  deadline: '2027-12', deadlineText: '2027年底', status: '未开始', progress: null, source: '渝府〔2023〕13号 七、（二）', updatedAt: '2026-12-01T00:00:00Z',
};

describe('task detail form', () => {
  it('sends only what changed; emptied text is null, lists are names', () => {
    const d = draftOf(task);
    expect(patchOf(d, task)).toEqual({});
    const edited = { ...d, description: '  ', quantitativeGoal: '每年1项', leadDepartments: ['市财政局', '市经济信息委'], status: '进行中' as const, source: '' };
    expect(patchOf(edited, task)).toEqual({ description: null, quantitativeGoal: '每年1项', leadDepartments: ['市财政局', '市经济信息委'], status: '进行中', source: null });
  });

  it('refuses by field what typing refuses (domain/text.ts), before sending, in the catalogue’s words', () => {
    i18n.setLanguage('zh-CN');
    expect(checkDraft({ title: 'a\u0000b', source: 'x'.repeat(MAX_TEXT + 1), districts: ['江津区\uFFFF'] })).toEqual({
      title: '含有不可见的控制字符（NUL）',
      source: `内容过长（${MAX_TEXT + 1} 字，最多 ${MAX_TEXT} 字）`,
      districts: '“江津区\uFFFF”含有不允许的非字符（U+FFFF）',
    });
    expect(checkDraft({ leadDepartments: Array.from({ length: 201 }, (_, i) => `单位${i}`) })).toEqual({ leadDepartments: '名称过多（201 个，最多 200 个）' });
    expect(checkDraft({ title: '正常', deadline: null })).toEqual({});
    // a task has a name: an emptied one is refused here, not first sent to the core
    expect(checkDraft({ title: '  ', progress: '进展' })).toEqual({ title: '不能为空' });
  });

  it('says the same in English (every word from the catalogue)', () => {
    i18n.setLanguage('en');
    try {
      expect(checkDraft({ title: ' ', notes: 'x\u0000', participatingDepartments: ['市财政局', 'y'.repeat(501)] })).toEqual({
        title: 'must not be empty',
        notes: 'contains an invisible control character (NUL)',
        participatingDepartments: `“${'y'.repeat(20)}…” too long (501 characters, at most 500)`,
      });
      expect(checkDraft({ districts: Array.from({ length: 201 }, (_, i) => `区${i}`) })).toEqual({ districts: 'too many names (201, at most 200)' });
    } finally {
      i18n.setLanguage('zh-CN');
    }
  });
});
