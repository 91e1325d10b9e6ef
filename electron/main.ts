/**
 * The Electron main process: one window, a single-instance lock, the menu, native dialogs, and the
 * API contract over IPC. Kept thin: every rule it applies lives in a tested module beside it.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, openStoreAsync, userDataDir, type PlanStore } from '../db/store.ts';
import { PlanDeskError, opensReadOnlyInstead } from '../db/errors.ts';
import { PLAN_FILE_EXTENSION } from '../db/paths.ts';
import { listPlans } from '../db/plans/handlers.ts';
import { shellZh as zh } from '../messages/shell.ts';
import { appPageUrl, isAllowedNavigation, permissionDecision, secureWebPreferences } from './security.ts';
import { registerIpc } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { addRecent, readRecent, writeRecent } from './recent.ts';
import { planFileFromArgv, planIdFromUrl } from './args.ts';
import { reportFileName, reportHash, reportPdfOptions, workbookExportHash } from './report.ts';
import { packageMenuTarget, type PackageCommand } from './package-menu.ts';
import { startAutoBackup } from '../db/backups/autosave.ts';
import { describeOpenFailure } from '../db/backups/recovery.ts';
import { restoreBackupFile } from '../db/backups/restore.ts';
import { planStart, startChoices } from '../db/backups/startup.ts';
import { acquirePlanLock } from '../db/lock.ts';
import { recoveryCopyPath } from './recovery.ts';
import { saveStoreAs } from './save-as.ts';
import { createPlanFile } from './new-file.ts';

const appRoot = app.getAppPath();
const indexHtml = path.join(appRoot, 'build', 'renderer', 'index.html');
const preloadJs = path.join(appRoot, 'build', 'electron', 'preload.cjs');
const electronNative = path.join(appRoot, 'build', 'electron-native', 'better_sqlite3.node');
const nativeBinding = fs.existsSync(electronNative) ? electronNative : undefined;
const appUrl = appPageUrl(indexHtml);
const recentFile = () => path.join(app.getPath('userData'), 'recent.json');
/** where the user's identity is kept (db/identity/folder.ts): PLANDESK_HOME, else Electron's userData */
const userDir = () => userDataDir(process.env, app.getPath('userData'));
const planFilters = [{ name: zh['dialog.planFiles'], extensions: [PLAN_FILE_EXTENSION] }];

let store: PlanStore | null = null;
let win: BrowserWindow | null = null;
let autoBackup: { stop(): void } | null = null;
const LOCK_NAME = '桌面版';

function adopt(next: PlanStore): void {
  autoBackup?.stop();
  store?.close();
  store = next;
  autoBackup = next.ctx.readonly ? null : startAutoBackup(next);
  writeRecent(recentFile(), addRecent(readRecent(recentFile()), next.ctx.file));
}

/**
 * Opens a plan file (the integrity check runs in a worker thread: this thread is the window's); a
 * read-only medium or a full disk opens it read-only with the reason; when it is damaged, offers to
 * restore the newest good backup into a new file.
 */
async function openOrRecover(file: string, create: 'seed' | false): Promise<PlanStore | null> {
  try {
    return await openStoreAsync(file, { create, nativeBinding, lockAs: LOCK_NAME, userDir: userDir() });
  } catch (err) {
    if (opensReadOnlyInstead(err)) {
      dialog.showMessageBoxSync({ type: 'info', message: err.message, detail: zh['app.readonly'] });
      return openStore(file, { readonly: true, nativeBinding, userDir: userDir() });
    }
    const failure = describeOpenFailure(file, err);
    if (!failure.backup) {
      dialog.showErrorBox(zh['dialog.openFailed'], failure.message);
      return null;
    }
    const choice = dialog.showMessageBoxSync({
      type: 'warning',
      message: zh['dialog.openFailed'],
      detail: failure.message,
      buttons: [zh['dialog.restoreBackupCopy'], zh['dialog.cancel']],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice !== 0) return null;
    const copy = recoveryCopyPath(file, new Date());
    // Verified, written under a temporary name and renamed: a crash leaves no half-copied file.
    restoreBackupFile(copy, failure.backup.file, { nativeBinding });
    return openStore(copy, { nativeBinding, lockAs: LOCK_NAME, userDir: userDir() });
  }
}

/**
 * The plan file at start (planStart decides, as for the web host): when it is missing but traces of
 * it exist, a dialog offers them and nothing is created in its place unless the user asks.
 */
async function openAtStart(file: string): Promise<PlanStore | null> {
  const plan = planStart(file, nativeBinding);
  if (plan.kind !== 'missing') return openOrRecover(file, plan.kind === 'create' ? 'seed' : false);
  const c = startChoices(plan);
  const action = c.actions[dialog.showMessageBoxSync({ type: 'warning', message: c.message, detail: c.detail, buttons: c.buttons, defaultId: c.defaultId, cancelId: c.cancelId, noLink: true })];
  if (!action || action.kind === 'quit') {
    app.quit();
    return null;
  }
  if (action.kind === 'restore') {
    const release = acquirePlanLock(plan.file, LOCK_NAME);
    try {
      restoreBackupFile(plan.file, action.from, { nativeBinding });
    } catch (err) {
      dialog.showErrorBox(zh['dialog.openFailed'], err instanceof PlanDeskError ? err.message : String(err));
      app.quit();
      return null;
    } finally {
      release();
    }
  }
  return openOrRecover(plan.file, action.kind === 'create' ? 'seed' : false);
}

function refreshMenu(): void {
  const template = buildMenuTemplate(
    {
      newFile: () => void newFile(),
      openFile: () => void openFileDialog(),
      openRecent: (file) => void switchTo(file),
      saveAs: () => void saveAs(),
      exportPlan: () => void exportPlan(),
      exportReport: () => void exportReport(),
      packageCommand: (command) => void packageCommand(command),
      // The workbench listens for Ctrl+Z / Ctrl+Y (features/workbench/HistoryBar.tsx): the menu presses them.
      undo: () => (['keyDown', 'keyUp'] as const).forEach((type) => win?.webContents.sendInputEvent({ type, keyCode: 'Z', modifiers: ['control'] })),
      redo: () => (['keyDown', 'keyUp'] as const).forEach((type) => win?.webContents.sendInputEvent({ type, keyCode: 'Y', modifiers: ['control'] })),
      quit: () => app.quit(),
    },
    readRecent(recentFile()),
    process.platform === 'darwin',
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function show(next: PlanStore): void {
  adopt(next);
  refreshMenu();
  win?.setTitle(`${zh['app.title']} — ${path.basename(next.ctx.file)}`);
  win?.webContents.reload();
}

async function switchTo(file: string): Promise<void> {
  try {
    const next = await openOrRecover(file, false);
    if (next) show(next);
  } catch (err) {
    dialog.showErrorBox(zh['dialog.openFailed'], err instanceof PlanDeskError ? err.message : String(err));
  }
}

/** 新建规划文件: an empty plan file (no plans, the reference lists) where the user says; electron/new-file.ts does it. */
async function newFile(): Promise<void> {
  const r = await dialog.showSaveDialog({ title: zh['dialog.newTitle'], filters: planFilters, defaultPath: `规划.${PLAN_FILE_EXTENSION}` });
  if (r.canceled || !r.filePath) return;
  try {
    show(createPlanFile(r.filePath, { lockAs: LOCK_NAME, nativeBinding, userDir: userDir() }));
  } catch (err) {
    dialog.showErrorBox(zh['dialog.openFailed'], err instanceof PlanDeskError ? err.message : String(err));
  }
}

async function openFileDialog(): Promise<void> {
  const r = await dialog.showOpenDialog({ title: zh['dialog.openTitle'], filters: planFilters, properties: ['openFile'] });
  const file = r.filePaths[0];
  if (!r.canceled && file) void switchTo(file);
}

async function saveAs(): Promise<void> {
  if (!store) return;
  const r = await dialog.showSaveDialog({ title: zh['dialog.saveAsTitle'], filters: planFilters });
  if (r.canceled || !r.filePath) return;
  // The target's lock is checked before anything is written (save-as.ts): another PlanDesk's file is refused untouched.
  try {
    show(await saveStoreAs(store, r.filePath, { lockAs: LOCK_NAME, nativeBinding }));
  } catch (err) {
    dialog.showErrorBox(zh['dialog.saveAsTitle'], err instanceof PlanDeskError ? err.message : String(err));
  }
}

/**
 * 导出…: opens the plan's 导出与报告 tab with `action=export`, which runs the workbook export job
 * there (the core draws the chart pictures) with its progress shown; Electron asks where to save the download.
 */
async function exportPlan(): Promise<void> {
  const planId = planIdFromUrl(win?.webContents.getURL() ?? '');
  if (!win || !planId) {
    dialog.showErrorBox(zh['dialog.exportTitle'], zh['dialog.reportNoPlan']);
    return;
  }
  await win.loadFile(indexHtml, { hash: workbookExportHash(planId).slice(1) });
}

/** 文件 → 报送包: the current plan's 报送包 tab with its export or import called up (electron/package-menu.ts). */
async function packageCommand(command: PackageCommand): Promise<void> {
  const target = packageMenuTarget(win?.webContents.getURL() ?? '', command);
  if (!win || 'noPlan' in target) {
    dialog.showErrorBox(zh['dialog.packagesTitle'], zh['dialog.packagesNoPlan']);
    return;
  }
  await win.loadFile(indexHtml, { hash: target.hash.slice(1) });
}

/** 导出报告 (PDF): loads the current plan's report page in a hidden window and prints it with printToPDF. */
async function exportReport(): Promise<void> {
  const planId = planIdFromUrl(win?.webContents.getURL() ?? '');
  if (!store || !win || !planId) {
    dialog.showErrorBox(zh['dialog.reportTitle'], zh['dialog.reportNoPlan']);
    return;
  }
  const title = listPlans(store.ctx).find((p) => p.id === planId)?.title ?? '';
  const r = await dialog.showSaveDialog(win, { title: zh['dialog.reportTitle'], defaultPath: reportFileName(title, new Date()), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
  if (r.canceled || !r.filePath) return;
  const printer = new BrowserWindow({ show: false, width: 900, height: 1200, webPreferences: { ...secureWebPreferences, preload: preloadJs } });
  try {
    await printer.loadFile(indexHtml, { hash: reportHash(planId).slice(1) });
    for (let waited = 0; !(await printer.webContents.executeJavaScript('!!document.querySelector("[data-report-ready]")')); waited += 200) {
      if (waited > 60_000) throw new Error('report did not load');
      await new Promise((done) => setTimeout(done, 200));
    }
    const pdf = await printer.webContents.printToPDF(reportPdfOptions(title));
    fs.writeFileSync(r.filePath, pdf);
  } catch (err) {
    dialog.showErrorBox(zh['dialog.reportFailed'], err instanceof Error ? err.message : String(err));
  } finally {
    printer.destroy();
  }
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No new windows and no hand-off to other programs: the workbench has no external links.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: zh['app.title'],
    show: false,
    webPreferences: { ...secureWebPreferences, preload: preloadJs },
  });
  win.once('ready-to-show', () => win?.show());
  void win.loadFile(indexHtml);
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', (_event, argv) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const file = planFileFromArgv(argv);
    if (file) void switchTo(file);
  });
  void app.whenReady().then(async () => {
    hardenSessions();
    const file = planFileFromArgv(process.argv) ?? path.join(app.getPath('userData'), `plans.${PLAN_FILE_EXTENSION}`);
    const opened = await openAtStart(file);
    if (opened) adopt(opened);
    registerIpc(ipcMain, appUrl, () => (name, input) =>
      store ? store.call(name, input) : { ok: false, error: { code: 'FILE_NOT_FOUND', message: '没有打开的规划文件', issues: [] } },
    );
    refreshMenu();
    createWindow();
  });
  app.on('window-all-closed', () => {
    autoBackup?.stop();
    store?.close();
    app.quit();
  });
}

start();
