import { describe, expect, it } from 'vitest';
import { operations } from '../../contract/operations.ts';
import { operationNames } from '../../contract/names.ts';
import { handlers } from '../../db/handlers.ts';
import { seededStore, ok } from '../helpers/store.ts';

describe('the API contract at the boundary', () => {
  it('every operation has a handler and every handler an operation', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(operations).sort());
    expect([...operationNames].sort()).toEqual(Object.keys(operations).sort());
  });

  it('refuses unknown operations, including prototype names', () => {
    const s = seededStore();
    for (const name of ['plans.drop', '__proto__', 'constructor', 'toString', '', 42, null]) {
      const r = s.call(name, {});
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('UNKNOWN_OPERATION');
    }
  });

  it('refuses invalid input with a Chinese message naming the field', () => {
    const s = seededStore();
    const r = s.call('plans.get', { planId: 12 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toMatch(/无效/);
    expect(r.error.issues[0]?.field).toBe('planId');
    for (const bad of [null, 'x', [], { planId: 'p', extra: 1 }]) expect(s.call('plans.get', bad).ok).toBe(false);
  });

  it('read operations answer in the shape their output schema declares', () => {
    const s = seededStore();
    const check = (name: keyof typeof operations, input: unknown) => {
      const value = ok(s, name, input);
      const parsed = operations[name].output.safeParse(value);
      expect(parsed.success, `${name}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    };
    check('app.info', {});
    check('plans.list', {});
    check('districts.list', {});
    check('departments.list', {});
    check('history.status', { planId: 'p-yufu-2023-13' });
    for (const p of ok<{ id: string }[]>(s, 'plans.list', {})) {
      check('plans.get', { planId: p.id });
      check('tasks.list', { planId: p.id, limit: 500 });
    }
  });

  it('a thrown error never crosses the boundary: unexpected failures become INTERNAL results', () => {
    const s = seededStore();
    s.close();
    const r = s.call('plans.list', {});
    expect(r.ok).toBe(false);
  });
});
