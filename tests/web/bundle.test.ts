/** The web host as `npm run web` starts it: the bundle build/node/web.cjs (built once per run by the globalSetup). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startWebHostProcess } from '../helpers/browser.ts';
import { tempFile } from '../helpers/store.ts';

describe('the bundled web host', () => {
  it('serves the workbench from build/node/web.cjs, which needs no TypeScript loader', async () => {
    expect(fs.readFileSync('build/node/web.cjs', 'utf8')).not.toMatch(/import\.meta|require\("tsx|from ['"]tsx/);
    const { url, child } = await startWebHostProcess(tempFile());
    try {
      expect(child.spawnargs.join(' ')).toMatch(/build\/node\/web\.cjs/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
