/**
 * The desktop shell cannot be launched here (no Electron binary), so every rule it applies lives in
 * a pure module tested here, and the bundles it loads are built and inspected.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { appPageUrl, isAllowedNavigation, isTrustedSender, pageOf, permissionDecision, secureWebPreferences, CONTENT_SECURITY_POLICY } from '../../electron/security.ts';
import { registerIpc, type IpcMainLike, type IpcEventLike } from '../../electron/ipc.ts';
import { buildMenuTemplate } from '../../electron/menu.ts';
import { addRecent, readRecent, writeRecent, MAX_RECENT } from '../../electron/recent.ts';
import { planFileFromArgv, planIdFromUrl } from '../../electron/args.ts';
import { IPC_PREFIX, operationNames } from '../../contract/names.ts';
import { seededStore, tempDir } from '../helpers/store.ts';

const APP = appPageUrl('/opt/PlanDesk/resources/app/build/renderer/index.html');

describe('security rules', () => {
  it('the window is isolated, sandboxed, without Node and without webview', () => {
    expect(secureWebPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
  });

  it('accepts IPC only from the app page in the top-level frame', () => {
    expect(isTrustedSender({ url: `${APP}#/plan/p1/tasks`, isMainFrame: true }, APP)).toBe(true);
    expect(isTrustedSender({ url: APP, isMainFrame: false }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender(null, APP)).toBe(false);
  });

  it('blocks navigation away from the app page and every permission request', () => {
    expect(isAllowedNavigation(`${APP}#/plan/x`, APP)).toBe(true);
    expect(isAllowedNavigation('https://example.com', APP)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', APP)).toBe(false);
    expect(permissionDecision('media')).toBe(false);
    expect(pageOf('not a url')).toBe('');
  });

  it('the Content-Security-Policy allows only the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
  });
});

describe('IPC', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, (event: IpcEventLike, input: unknown) => unknown>();
    const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
    return { ipc, handlers };
  }

  it('registers one channel per contract operation and dispatches calls from the app page', () => {
    const store = seededStore();
    const { ipc, handlers } = fakeIpcMain();
    const unregister = registerIpc(ipc, APP, () => store.call);
    expect([...handlers.keys()].sort()).toEqual(operationNames.map((n) => IPC_PREFIX + n).sort());
    const trusted = { senderFrame: { url: APP, parent: null } };
    const r = handlers.get(`${IPC_PREFIX}plans.list`)!(trusted, {}) as { ok: boolean; value: unknown[] };
    expect(r.ok).toBe(true);
    expect(r.value.length).toBeGreaterThan(3);
    const bad = handlers.get(`${IPC_PREFIX}plans.get`)!(trusted, { planId: 5 }) as { ok: boolean; error: { code: string } };
    expect(bad.error.code).toBe('INVALID_INPUT');
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('refuses calls from subframes and foreign pages', () => {
    const store = seededStore();
    const { ipc, handlers } = fakeIpcMain();
    registerIpc(ipc, APP, () => store.call);
    const h = handlers.get(`${IPC_PREFIX}plans.list`)!;
    for (const event of [{ senderFrame: { url: APP, parent: {} } }, { senderFrame: { url: 'https://evil.example', parent: null } }, { senderFrame: null }]) {
      expect(h(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('bundles', () => {
  it('main and preload bundle; the preload exposes exactly one function per operation, each on its own channel', () => {
    execFileSync('node', ['scripts/build-electron.mjs'], { stdio: 'pipe' });
    const preload = fs.readFileSync('build/electron/preload.cjs', 'utf8');
    const exposed: Record<string, Record<string, (input: unknown) => unknown>> = {};
    const invoked: [string, unknown][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (input: unknown) => unknown>) => void (exposed[key] = api) },
      ipcRenderer: { invoke: (channel: string, input: unknown) => void invoked.push([channel, input]) },
    };
    const requireStub = (id: string) => {
      if (id === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    vm.runInNewContext(preload, { require: requireStub, module: { exports: {} }, exports: {}, process: { env: {} }, console });
    expect(Object.keys(exposed)).toEqual(['plandesk']);
    expect(Object.keys(exposed.plandesk!).sort()).toEqual([...operationNames].sort());
    expect(Object.isFrozen(exposed.plandesk)).toBe(true);
    exposed.plandesk!['plans.get']!({ planId: 'x' });
    expect(invoked).toEqual([[`${IPC_PREFIX}plans.get`, { planId: 'x' }]]);
    expect(preload).not.toMatch(/ipcRenderer\.(send|on)\(/);
    const main = fs.readFileSync('build/electron/main.cjs', 'utf8');
    expect(main).toMatch(/requestSingleInstanceLock/);
    expect(main).toMatch(/setWindowOpenHandler/);
    expect(main).not.toMatch(/openExternal/);
    // No remote content: the window loads only the bundled page from disk.
    expect(main).not.toMatch(/loadURL\(/);
    expect(main).toMatch(/loadFile\(/);
    expect(main).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/sandbox: true/);
    expect(main).toMatch(/nodeIntegration: false/);
    expect(main).toMatch(/will-navigate/);
    expect(main).toMatch(/setPermissionRequestHandler/);
    expect(main).toMatch(/require\("better-sqlite3"\)/);
  });
});

describe('menu, recent files, arguments', () => {
  it('the File menu has 新建, 打开, 最近打开, 另存为, 导出 wired to their actions', () => {
    const calls: string[] = [];
    const actions = {
      newFile: () => calls.push('new'), openFile: () => calls.push('open'), openRecent: (f: string) => calls.push(`recent:${f}`),
      saveAs: () => calls.push('saveAs'), exportPlan: () => calls.push('export'), quit: () => calls.push('quit'),
    };
    const [file] = buildMenuTemplate(actions, ['/data/a.plandesk'], false);
    const items = file!.submenu as { label?: string; click?: () => void; submenu?: { label?: string; click?: () => void }[] }[];
    const labels = items.map((i) => i.label).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['新建…', '打开…', '最近打开', '另存为…', '导出…']));
    items.find((i) => i.label === '新建…')!.click!();
    items.find((i) => i.label === '最近打开')!.submenu![0]!.click!();
    expect(calls).toEqual(['new', 'recent:/data/a.plandesk']);
  });

  it('recent files: most recent first, no duplicates, bounded, survive a bad file', () => {
    let list: string[] = [];
    for (let i = 0; i < 15; i++) list = addRecent(list, `/p/${i}.plandesk`);
    list = addRecent(list, '/p/3.plandesk');
    expect(list[0]).toBe(path.resolve('/p/3.plandesk'));
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
    const f = path.join(tempDir(), 'recent.json');
    writeRecent(f, list);
    expect(readRecent(f)).toEqual(list);
    fs.writeFileSync(f, '{broken');
    expect(readRecent(f)).toEqual([]);
  });

  it('reads the plan file from --db or a .plandesk argument (file association)', () => {
    expect(planFileFromArgv(['electron', '.', '--db', '/x/a.plandesk'])).toBe('/x/a.plandesk');
    expect(planFileFromArgv(['PlanDesk.exe', '--db=/x/b.plandesk'])).toBe('/x/b.plandesk');
    expect(planFileFromArgv(['PlanDesk.exe', 'C:\\plans\\c.PLANDESK'])).toBe('C:\\plans\\c.PLANDESK');
    expect(planFileFromArgv(['PlanDesk.exe'])).toBeNull();
    expect(planIdFromUrl('file:///app/index.html#/plan/p-yufu-2023-13/tasks')).toBe('p-yufu-2023-13');
    expect(planIdFromUrl(`file:///app/index.html#/plan/${encodeURIComponent('渝府〔2023〕13号')}`)).toBe('渝府〔2023〕13号');
    expect(planIdFromUrl('file:///app/index.html#/')).toBeNull();
    expect(planIdFromUrl('file:///app/index.html#/plan/%E0%A4%A')).toBeNull();
  });
});
