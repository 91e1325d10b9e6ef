/**
 * 身份与密钥 in Chromium against the web host (renderer/src/features/identity/KeysSection.tsx): the own
 * key's code, 导出公钥文件 (a real download), 添加 a district's key file — holder and code shown, trust only
 * after the planner confirms the code read out, in the district's role —, undo and redo, 撤销. Screenshots
 * in Chinese and English (tests/artifacts/keys-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, pageCall, type WebSession } from '../helpers/browser.ts';
import { openTab, text, waitForApp } from '../browser/workbench-helpers.ts';
import { openStore } from '../../db/store.ts';
import { tempDir, tempFile } from '../helpers/store.ts';

const POLL = { timeout: 20_000, interval: 100 };
const PLAN = 'p-yufu-2023-13';

/** A district user's key file, made as `plandesk keys export` makes it, in a user folder of its own. */
function districtKeyFile(): { file: string; readable: string; fingerprint: string } {
  const s = openStore(tempFile(), { create: 'seed', userDir: tempDir('plandesk-home-') });
  try {
    const set = s.call('identity.set', { name: '王五', department: '市发展改革委', district: '江津区' });
    if (!set.ok) throw new Error(set.error.message);
    const r = s.call('keys.export', {});
    if (!r.ok) throw new Error(r.error.message);
    const out = r.value as { fileName: string; text: string; readable: string; fingerprint: string };
    const file = path.join(tempDir('plandesk-keyfiles-'), out.fileName);
    fs.writeFileSync(file, out.text);
    return { file, readable: out.readable, fingerprint: out.fingerprint };
  } finally {
    s.close();
  }
}

describe('identity and keys (browser)', { timeout: 240_000 }, () => {
  let w: WebSession;
  beforeAll(async () => {
    w = await openWorkbench();
    await waitForApp(w.page);
    const set = await pageCall(w.page, 'identity.set', { name: '张三', department: '市发展改革委', district: null });
    expect(set.ok).toBe(true);
    await w.page.reload();
    await waitForApp(w.page);
  }, 200_000);
  afterAll(async () => {
    await w?.close();
  });

  it('shows the own code, exports the key file, trusts a district key after confirmation, undoes, revokes', async () => {
    const p = w.page;
    const own = (await pageCall(p, 'keys.show', {})).value as { readable: string; fingerprint: string };
    await openTab(p, 'overview');
    await p.getByTestId('identity-button').click();
    const section = p.getByTestId('keys-section');
    await section.waitFor();
    await expect.poll(() => text(p, p.getByTestId('keys-own-code')), POLL).toBe(own.readable);
    expect(await text(p, section)).toContain('这个规划文件还没有信任任何密钥');

    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('keys-export').click()]);
    const saved = path.join(w.dir, 'own.pdkey');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe(`plandesk-公钥-张三-${own.readable.slice(0, 4)}.pdkey`);
    expect(JSON.parse(fs.readFileSync(saved, 'utf8'))).toMatchObject({ fingerprint: own.fingerprint, holder: { name: '张三', district: null } });

    const district = districtKeyFile();
    await p.getByTestId('keys-add-file').setInputFiles(district.file);
    const confirm = p.getByTestId('keys-confirm');
    await confirm.waitFor();
    expect(await text(p, p.getByTestId('keys-confirm-holder'))).toBe('持有人：王五（市发展改革委 · 江津区）');
    expect(await text(p, p.getByTestId('keys-confirm-code'))).toBe(district.readable);
    // the holder's district is the role offered; trusting waits for the confirmation
    expect(await p.getByTestId('keys-role-district').isChecked()).toBe(true);
    expect(await p.getByTestId('keys-district').inputValue()).toBe('江津区');
    expect(await p.getByTestId('keys-trust').isDisabled()).toBe(true);
    await p.getByTestId('keys-confirm-check').check();
    await w.screenshot('keys-confirm-zh');
    await p.getByTestId('keys-trust').click();
    await confirm.waitFor({ state: 'detached' });
    const table = p.getByTestId('keys-trusted');
    await expect.poll(() => text(p, table), POLL).toContain(district.readable);
    expect(await text(p, table)).toContain('区县：江津区');
    expect(await text(p, table)).toContain('王五（市发展改革委 · 江津区）');
    await w.screenshot('keys-section-zh');

    // one undo step of the plan open; the list follows the change set
    expect((await pageCall(p, 'history.undo', { planId: PLAN })).ok).toBe(true);
    await expect.poll(() => text(p, section), POLL).toContain('这个规划文件还没有信任任何密钥');
    expect((await pageCall(p, 'history.redo', { planId: PLAN })).ok).toBe(true);
    await expect.poll(() => text(p, section), POLL).toContain(district.readable);

    // one's own key file is recognised and cannot be trusted
    await p.getByTestId('keys-add-file').setInputFiles(saved);
    await confirm.waitFor();
    expect(await text(p, confirm)).toContain('这是本机自己的密钥');
    expect(await p.getByTestId('keys-trust').count()).toBe(0);
    await confirm.getByRole('button').click();
    await confirm.waitFor({ state: 'detached' });

    await p.getByTestId('keys-revoke').click();
    await expect.poll(() => text(p, section), POLL).toContain('这个规划文件还没有信任任何密钥');
    const listed = (await pageCall(p, 'keys.list', { includeRevoked: true })).value as { keys: { revokedBy: string }[] };
    expect(listed.keys[0]?.revokedBy).toBe('张三（市发展改革委）');
    await p.getByTestId('identity-later').click();
  });

  it('speaks English', async () => {
    const p = w.page;
    const district = districtKeyFile();
    await p.locator('header select').selectOption('en');
    await p.getByTestId('identity-button').click();
    const section = p.getByTestId('keys-section');
    await section.waitFor();
    await expect.poll(() => text(p, section), POLL).toContain('Identity and keys');
    await p.getByTestId('keys-add-file').setInputFiles(district.file);
    await p.getByTestId('keys-confirm').waitFor();
    expect(await text(p, p.getByTestId('keys-confirm'))).toContain('Holder: 王五 (市发展改革委 · 江津区)');
    await p.getByTestId('keys-confirm-check').check();
    await w.screenshot('keys-confirm-en');
    await p.getByTestId('keys-trust').click();
    await expect.poll(() => text(p, p.getByTestId('keys-trusted')), POLL).toContain('District: 江津区');
    const words = await text(p, section);
    // no Chinese but the data (names of people, departments, districts)
    expect(words.replace(/王五|张三|市发展改革委|江津区/g, '')).not.toMatch(/[\u3400-\u9fff]/);
    await w.screenshot('keys-section-en');
    await p.getByTestId('identity-later').click();
    await p.locator('header select').selectOption('zh-CN');
  });
});
