/**
 * A write's answer carries the plan's undo/redo state after it (db/dispatch.ts), and the web host pushes
 * it to the other tabs just before the change set: the toolbar needs no history.status call per edit.
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../web/server.ts';
import { openStore, type PlanStore } from '../../db/store.ts';
import { tempFile } from '../helpers/store.ts';

const PLAN = 'p-yufu-2023-13';
const REVENUE = `${PLAN}/i/revenue`;
const JIANGJIN = 'd-500116';

describe('undo state in the write answer (web host)', () => {
  let host: WebHost;
  let store: PlanStore;
  beforeAll(async () => {
    store = openStore(tempFile(), { create: 'seed' });
    host = await startWebHost({ call: (n, i) => store.call(n, i), rendererDir: path.resolve('build/renderer') });
  });
  afterAll(async () => {
    await host.close();
    store.close();
  });
  const Host = () => `127.0.0.1:${host.port}`;
  const api = (name: string, body: unknown, tab?: string) =>
    new Promise<{ ok: boolean; value: Record<string, unknown> }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: `/api/${name}`, headers: { 'Content-Type': 'application/json', Host: Host(), 'X-PlanDesk-Token': host.token, ...(tab ? { 'X-PlanDesk-Tab': tab } : {}) } },
        (res) => {
          let b = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (b += c));
          res.on('end', () => resolve(JSON.parse(b)));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });

  it('answers a write with the undo state history.status would give, and an undo with the state after it', async () => {
    const before = await api('history.status', { planId: PLAN });
    expect(before.value.canUndo).toBe(false);
    const set = await api('targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, kind: 'target', value: '3100' });
    expect(set.ok).toBe(true);
    const status = await api('history.status', { planId: PLAN });
    expect(set.value.history).toEqual(status.value);
    expect(set.value.history).toMatchObject({ canUndo: true, canRedo: false });
    expect(String((set.value.history as { undoLabel: string }).undoLabel)).not.toBe('');
    const undone = await api('history.undo', { planId: PLAN });
    expect(undone.value.history).toEqual({ canUndo: false, canRedo: true, undoLabel: null, redoLabel: (set.value.history as { undoLabel: string }).undoLabel });
  });

  it('leaves out the state when the write changed nothing, and names no plan state for other answers', async () => {
    const r1 = await api('targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, kind: 'target', value: '3200' });
    const again = await api('targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, kind: 'target', value: '3200' });
    expect(r1.value.history).toBeDefined();
    expect((again.value.changes as { changeSetId: number | null }).changeSetId).toBeNull();
    expect(again.value.history).toBeUndefined();
    expect((await api('plans.list', {})).value).not.toHaveProperty('history');
  });

  it('pushes the state to the other tabs just before the change set', async () => {
    const frames: string[] = [];
    const events = http.get({ host: '127.0.0.1', port: host.port, path: '/events', headers: { Host: Host(), Cookie: `pd_token=${host.token}` } });
    events.on('error', () => {});
    const res = await new Promise<http.IncomingMessage>((r) => events.once('response', r));
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (c: string) => {
      buffer += c;
      const parts = buffer.split('\n\n');
      buffer = parts.pop() ?? '';
      frames.push(...parts.filter((p) => p.startsWith('event:')));
    });
    const set = await api('targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2026, kind: 'target', value: '2900' });
    await expect.poll(() => frames.length).toBe(2);
    events.destroy();
    const [history, changes] = frames.map((f) => {
      const [event, data] = f.split('\n');
      return { event: event?.slice('event: '.length), data: JSON.parse(data?.slice('data: '.length) ?? 'null') as Record<string, unknown> };
    });
    const changeSetId = (set.value.changes as { changeSetId: number }).changeSetId;
    expect(history).toEqual({ event: 'history', data: { planId: PLAN, changeSetId, history: set.value.history } });
    expect(changes?.event).toBe('changes');
    expect(changes?.data.changeSetId).toBe(changeSetId);
  });

  /** An event stream opened as `path`; the changeSetIds of the change sets it gets. */
  async function stream(pathName: string): Promise<{ ids: number[]; close(): void }> {
    const ids: number[] = [];
    const events = http.get({ host: '127.0.0.1', port: host.port, path: pathName, headers: { Host: Host(), Cookie: `pd_token=${host.token}` } });
    events.on('error', () => {});
    const res = await new Promise<http.IncomingMessage>((r) => events.once('response', r));
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (c: string) => {
      buffer += c;
      const parts = buffer.split('\n\n');
      buffer = parts.pop() ?? '';
      for (const f of parts.filter((p) => p.startsWith('event: changes'))) ids.push((JSON.parse(f.split('\n')[1]?.slice('data: '.length) ?? 'null') as { changeSetId: number }).changeSetId);
    });
    return { ids, close: () => events.destroy() };
  }

  it("pushes a tab's write to the other tabs only: the tab that wrote has it in its answer", async () => {
    const writer = await stream('/events?tab=tab-aaaaaaaa-1111');
    const other = await stream('/events?tab=tab-bbbbbbbb-2222');
    const unnamed = await stream('/events');
    const bad = await stream('/events?tab=%3Cscript%3E');
    try {
      const set = await api('targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2025, kind: 'target', value: '2700' }, 'tab-aaaaaaaa-1111');
      const id = (set.value.changes as { changeSetId: number }).changeSetId;
      await expect.poll(() => [other.ids, unnamed.ids, bad.ids]).toEqual([[id], [id], [id]]);
      // a write that names no tab (the CLI's, another client's) goes to every tab, the writer's too
      const second = await api('targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2025, kind: 'target', value: '2750' });
      const id2 = (second.value.changes as { changeSetId: number }).changeSetId;
      await expect.poll(() => writer.ids).toEqual([id2]);
      expect(other.ids).toEqual([id, id2]);
    } finally {
      for (const s of [writer, other, unnamed, bad]) s.close();
    }
  });
});
