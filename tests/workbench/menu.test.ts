import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from '../../electron/menu.ts';

describe('Edit menu: 撤销 / 重做', () => {
  it('offers undo and redo, leaving Ctrl+Z / Ctrl+Y to the page so text fields keep their own undo', () => {
    const calls: string[] = [];
    const noop = () => {};
    const menu = buildMenuTemplate(
      { newFile: noop, openFile: noop, openRecent: noop, saveAs: noop, exportPlan: noop, quit: noop, undo: () => calls.push('undo'), redo: () => calls.push('redo') },
      [],
      false,
    );
    const edit = menu[1]!.submenu as { label?: string; accelerator?: string; registerAccelerator?: boolean; click?: () => void }[];
    const undo = edit.find((i) => i.label === '撤销')!;
    const redo = edit.find((i) => i.label === '重做')!;
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(redo).toMatchObject({ accelerator: 'CmdOrCtrl+Y', registerAccelerator: false });
    undo.click!();
    redo.click!();
    expect(calls).toEqual(['undo', 'redo']);
  });
});
