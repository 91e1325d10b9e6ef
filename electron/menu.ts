/** The application menu as data (testable without Electron): 文件 → 新建, 打开, 最近打开, 另存为, 导出, 报送包, 退出. */
import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { shellZh as zh } from '../messages/shell.ts';

export interface MenuActions {
  newFile(): void;
  openFile(): void;
  openRecent(file: string): void;
  saveAs(): void;
  exportPlan(): void;
  /** 导出报告 (PDF): the current plan's printable report via printToPDF (electron/report.ts) */
  exportReport?(): void;
  /** 报送包 → 导出报送包… / 导入报送包…: the current plan's 报送包 tab (electron/package-menu.ts) */
  packageCommand?(command: 'export' | 'import'): void;
  /** 撤销 / 重做 of the plan's last change (the workbench's undo over the audit log, not a text field's) */
  undo?(): void;
  redo?(): void;
  quit(): void;
}

export function buildMenuTemplate(actions: MenuActions, recent: readonly string[], isMac: boolean): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((file) => ({ label: `${path.basename(file)}  —  ${path.dirname(file)}`, click: () => actions.openRecent(file) }))
    : [{ label: zh['menu.noRecent'], enabled: false }];
  return [
    {
      label: zh['menu.file'],
      submenu: [
        { label: zh['menu.new'], accelerator: 'CmdOrCtrl+N', click: () => actions.newFile() },
        { label: zh['menu.open'], accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
        { label: zh['menu.recent'], submenu: recentItems },
        { type: 'separator' },
        { label: zh['menu.saveAs'], accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveAs() },
        { label: zh['menu.export'], accelerator: 'CmdOrCtrl+E', click: () => actions.exportPlan() },
        ...(actions.exportReport ? [{ label: zh['menu.exportReport'], accelerator: 'CmdOrCtrl+P', click: () => actions.exportReport?.() }] : []),
        ...(actions.packageCommand
          ? [
              {
                label: zh['menu.packages'],
                submenu: [
                  { label: zh['menu.packageExport'], click: () => actions.packageCommand?.('export') },
                  { label: zh['menu.packageImport'], click: () => actions.packageCommand?.('import') },
                ],
              },
            ]
          : []),
        { type: 'separator' },
        { label: zh['menu.quit'], accelerator: isMac ? 'Cmd+Q' : 'Alt+F4', click: () => actions.quit() },
      ],
    },
    {
      label: zh['menu.edit'],
      submenu: [
        ...(actions.undo && actions.redo
          ? [
              // The keys stay with the page (registerAccelerator: false) so a text field keeps its own Ctrl+Z.
              { label: zh['menu.undo'], accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => actions.undo?.() },
              { label: zh['menu.redo'], accelerator: 'CmdOrCtrl+Y', registerAccelerator: false, click: () => actions.redo?.() },
              { type: 'separator' as const },
            ]
          : []),
        { role: 'cut', label: zh['menu.cut'] },
        { role: 'copy', label: zh['menu.copy'] },
        { role: 'paste', label: zh['menu.paste'] },
        { role: 'selectAll', label: zh['menu.selectAll'] },
      ],
    },
    {
      label: zh['menu.view'],
      submenu: [
        { role: 'reload', label: zh['menu.reload'] },
        { role: 'resetZoom', label: zh['menu.resetZoom'] },
        { role: 'zoomIn', label: zh['menu.zoomIn'] },
        { role: 'zoomOut', label: zh['menu.zoomOut'] },
        { role: 'togglefullscreen', label: zh['menu.fullscreen'] },
      ],
    },
  ];
}
