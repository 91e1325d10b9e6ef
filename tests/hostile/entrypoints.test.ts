/**
 * Every operation of the contract, through the dispatcher the IPC bridge and the web host share,
 * given each malformed value in each of its fields: refused with a clear error, nothing written.
 * Hostile text (SQL, script tags, formula prefixes) is stored verbatim as text, never executed.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { operations, type OperationName } from '../../contract/operations.ts';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../../electron/ipc.ts';
import { appPageUrl } from '../../electron/security.ts';
import { IPC_PREFIX } from '../../contract/names.ts';
import { dumpTables, ok, seededStore } from '../helpers/store.ts';
import { hostileTexts, invalidDates, malformedValues, unknownIds } from './corpus.ts';
import type { Task } from '../../contract/entities.ts';

function fieldsOf(name: OperationName): string[] {
  const schema = operations[name].input;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const PLAN = 'p-yufu-2023-13';

describe('malformed input at the boundary', () => {
  it('every operation refuses every malformed value in every field, and writes nothing', () => {
    const s = seededStore();
    const before = dumpTables(s);
    let calls = 0;
    for (const name of Object.keys(operations) as OperationName[]) {
      const inputs: unknown[] = [null, 'text', 42, [], ...malformedValues.map((m) => m.value)];
      for (const field of fieldsOf(name)) for (const m of malformedValues) inputs.push({ [field]: m.value });
      for (const input of inputs) {
        if (input !== null && typeof input === 'object' && Object.keys(input).length === 0 && fieldsOf(name).length === 0) continue;
        const r = s.call(name, input);
        calls++;
        if (r.ok) {
          // Only operations that take no input may accept an empty object; nothing else gets through — except a value
          // that is a valid one for an optional field (plans.list {includeArchived: true}).
          if (!operations[name].input.safeParse(input).success) expect(fieldsOf(name), `${name} accepted ${JSON.stringify(input)?.slice(0, 80)}`).toEqual([]);
          continue;
        }
        expect(['INVALID_INPUT', 'NOT_FOUND'], `${name}: ${r.error.code} ${r.error.message}`).toContain(r.error.code);
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(calls).toBeGreaterThan(200);
    expect(dumpTables(s)).toEqual(before);
  });

  it('unknown ids are NOT_FOUND or INVALID_INPUT, never a write', () => {
    const s = seededStore();
    const before = dumpTables(s);
    for (const id of unknownIds) {
      for (const [name, input] of [
        ['plans.get', { planId: id }],
        ['plans.update', { planId: id, patch: { title: 'x' } }],
        ['tasks.update', { taskId: id, patch: { title: 'x' } }],
        ['tasks.list', { planId: id }],
        ['targets.set', { indicatorId: id, scope: 'plan', scopeId: null, year: 2027, kind: 'target', value: '1' }],
        ['history.undo', { planId: id }],
        ['backups.restore', { name: id }],
      ] as const) {
        const r = s.call(name, input);
        if (r.ok) expect(name).toBe('history.undo'); // undo of a plan with no history is a no-op
        else expect(['NOT_FOUND', 'INVALID_INPUT']).toContain(r.error.code);
      }
    }
    expect(dumpTables(s)).toEqual(before);
  });

  it('invalid deadlines are refused with the field named', () => {
    const s = seededStore();
    const task = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
    for (const d of invalidDates.filter((x) => x !== '')) {
      const r = s.call('tasks.update', { taskId: task.id, patch: { deadline: d } });
      expect(r.ok, d).toBe(false);
      if (!r.ok) expect(r.error.issues.some((i) => i.field === 'deadline' || i.field?.startsWith('patch'))).toBe(true);
    }
  });

  it('text with a NUL character is refused, not cut short', () => {
    const s = seededStore();
    const task = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
    const before = dumpTables(s);
    const r = s.call('tasks.update', { taskId: task.id, patch: { progress: 'ab\u0000cd' } });
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    expect(!r.ok && r.error.issues[0]?.field).toBe('patch.progress');
    expect(dumpTables(s)).toEqual(before);
  });

  it('text with a non-character U+FFFE or U+FFFF (which no workbook could hold) is refused, naming the field', () => {
    const s = seededStore();
    const task = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
    const before = dumpTables(s);
    for (const [text, bad] of [['进展\uFFFF', 'U+FFFF'], ['\uFFFE进展', 'U+FFFE']] as const) {
      const r = s.call('tasks.update', { taskId: task.id, patch: { progress: text } });
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
      expect(!r.ok && r.error.issues[0]).toEqual({ field: 'patch.progress', message: `patch.progress：含有非字符 ${bad}` });
    }
    expect(dumpTables(s)).toEqual(before);
  });

  it('hostile text is stored verbatim as text and the tables stay intact', () => {
    const s = seededStore();
    const task = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!;
    const tables = () => s.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
    const beforeTables = tables();
    for (const text of hostileTexts) {
      const r = s.call('tasks.update', { taskId: task.id, patch: { title: text, progress: text } });
      expect(r.ok).toBe(true);
      const back = ok<Task[]>(s, 'tasks.list', { planId: PLAN, filter: { search: text.slice(0, 20) }, limit: 5 }) as unknown as { rows: Task[] };
      // Titles are trimmed of surrounding white space; everything else is kept to the character.
      expect(back.rows.some((t) => t.title === text.trim() && t.progress === text)).toBe(true);
    }
    expect(tables()).toEqual(beforeTables);
  });
});

describe('the IPC entry point', () => {
  it('refuses malformed input and foreign senders exactly like the dispatcher', () => {
    const s = seededStore();
    const handlers = new Map<string, (e: IpcEventLike, i: unknown) => unknown>();
    const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: () => {} };
    const app = appPageUrl('/app/build/renderer/index.html');
    registerIpc(ipc, app, () => s.call);
    const before = dumpTables(s);
    const trusted = { senderFrame: { url: app, parent: null } };
    for (const m of malformedValues) {
      const r = handlers.get(`${IPC_PREFIX}tasks.update`)!(trusted, { taskId: m.value, patch: { title: m.value } }) as { ok: boolean; error?: { code: string } };
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('INVALID_INPUT');
    }
    expect(handlers.get(`${IPC_PREFIX}plans.update`)!({ senderFrame: { url: 'https://evil.example/', parent: null } }, { planId: PLAN, patch: { title: 'x' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dumpTables(s)).toEqual(before);
  });
});
