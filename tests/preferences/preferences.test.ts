/** preferences.get/set (db/preferences/handlers.ts): the user name the audit log writes beside every change. */
import { describe, expect, it } from 'vitest';
import { ok, reopen, seededStore, tempFile } from '../helpers/store.ts';

describe('preferences', () => {
  it('keeps the user name in the file (trimmed) and writes it into the audit log of the next change', () => {
    const file = tempFile();
    const s = seededStore(file);
    expect(ok(s, 'preferences.set', { userName: '  张三 ' })).toEqual({ userName: '张三', timeZone: 'Asia/Shanghai' });
    ok(s, 'plans.update', { planId: 'p-yufu-2023-13', patch: { source: '测试' } });
    expect(s.db.prepare('SELECT user_name FROM change_sets ORDER BY id DESC LIMIT 1').get()).toEqual({ user_name: '张三' });
    s.close();
    expect(ok(reopen(file), 'preferences.get', {})).toEqual({ userName: '张三', timeZone: 'Asia/Shanghai' });
  });

  it('refuses an empty name with the field named, and keeps the old one', () => {
    const s = seededStore();
    ok(s, 'preferences.set', { userName: '李四' });
    const r = s.call('preferences.set', { userName: '   ' });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ field: 'userName' }] });
    expect(ok(s, 'preferences.get', {})).toEqual({ userName: '李四', timeZone: 'Asia/Shanghai' });
  });
});
