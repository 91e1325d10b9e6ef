/**
 * A hub address with a user name and password in it (https://user:pass@host), given to sync.run — as the 同步
 * dialog and `plandesk sync --hub` pass it (session 8, hostile inputs): refused before anything is sent, naming
 * the hub field, the address shown without what stood before the `@`, and the password kept nowhere (not in the
 * user data folder, not in sync.status). A text that is no address at all (user:pass@host) is named the same way.
 * No hub is needed: nothing is sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shownAddress } from '../../db/sync/hub-client.ts';
import { citySide } from '../exchange/helpers.ts';
import { ok } from '../helpers/store.ts';
import type { SyncStatusOut } from '../../contract/ops/sync.ts';

const SECRET = 'pa55-in-the-url';

/** every file below a folder, read as text */
function allText(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'latin1') + fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('a hub address with credentials', () => {
  it('is refused naming the hub field, shown without them, and stored nowhere', () => {
    const city = citySide();
    for (const hub of [`https://officer:${SECRET}@127.0.0.1:9`, `http://${SECRET}@localhost/`, `  https://officer:${SECRET}@hub.example.gov.cn:8443/path?q=1  `]) {
      const r = city.store.call('sync.run', { hub, user: 'officer', password: 'the real password 1' });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toMatchObject({ code: 'INVALID_INPUT', reason: 'sync.addressCredentials', issues: [{ field: 'hub' }] });
      expect(JSON.stringify(r.error)).not.toContain(SECRET);
      expect(r.error.message).toContain('…@');
    }
    // not an address at all, with a password in it: not echoed either
    const notUrl = city.store.call('sync.run', { hub: `officer:${SECRET}@hub`, user: 'officer', password: 'x' });
    expect(notUrl).toMatchObject({ ok: false, error: { reason: 'sync.badAddress', issues: [{ field: 'hub' }] } });
    expect(JSON.stringify(notUrl)).not.toContain(SECRET);
    expect(shownAddress(`https://a:${SECRET}@h/x@y`)).toBe('https://…@h/x@y');

    const st = ok<SyncStatusOut>(city.store, 'sync.status', {});
    expect(st.hub).toBeNull();
    expect(JSON.stringify(st)).not.toContain(SECRET);
    expect(allText(city.home)).not.toContain(SECRET);
    expect(allText(path.dirname(city.file))).not.toContain(SECRET);
  });
});
