/**
 * The strings the desktop shell and the page both show are written once, in messages/shell.ts (the
 * pure layer both may import): no feature catalogue of the renderer repeats a key (a repeated key would
 * silently win in the catalogue's spread), and the renderer's merged catalogue still has every one,
 * Chinese and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellEn, shellZh } from '../messages/shell.ts';
import { en, zh } from '../renderer/src/i18n/catalogue.ts';
import { ROOT } from './helpers/layers.ts';

describe('shared messages', () => {
  it('each key is defined in exactly one message file; the shell\'s are in messages/shell.ts', async () => {
    const dir = path.join(ROOT, 'renderer/src/i18n/messages');
    const owners = new Map<string, string[]>();
    const add = (file: string, keys: string[]) => keys.forEach((k) => owners.set(k, [...(owners.get(k) ?? []), file]));
    add('messages/shell.ts', Object.keys(shellZh));
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const mod: Record<string, unknown> = await import(path.join(dir, name));
      const zhObjects = Object.entries(mod).filter(([k]) => k === 'zh' || k.endsWith('Zh'));
      expect(zhObjects.length, name).toBe(1);
      add(name, Object.keys(zhObjects[0]![1] as object));
    }
    expect([...owners].filter(([, files]) => files.length > 1), 'keys defined twice').toEqual([]);
    for (const key of ['app.title', 'menu.file', 'menu.undo', 'dialog.openFailed', 'dialog.reportTitle']) expect(owners.get(key)).toEqual(['messages/shell.ts']);
  });

  it('the renderer catalogue has every shell string, in Chinese and in English, nothing missing in English', () => {
    for (const [key, text] of Object.entries(shellZh)) expect(zh[key as keyof typeof zh], key).toBe(text);
    for (const [key, text] of Object.entries(shellEn)) expect(en[key as keyof typeof en], key).toBe(text);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.values(en).every((t) => t.trim().length > 0)).toBe(true);
  });
});
