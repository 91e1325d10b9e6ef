/**
 * The CLI is a client of the contract like the renderer: its commands call operations through the
 * store's `call` (cli/client.ts). Only cli/open.ts, the store opener, reaches into db/, and only
 * for db/store.ts; cli/commands/hub.ts takes the hub's command from hub/cli.ts; everything else it
 * may import is the contract, node: modules and itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

const specs = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

describe('cli/ imports', () => {
  it('nothing from db/ except the store opener (cli/open.ts → db/store.ts)', () => {
    const found: string[] = [];
    for (const f of sourceFiles('cli')) {
      for (const spec of specs(f)) {
        if (!spec.startsWith('.')) {
          if (!/^node:|^zod$/.test(spec)) found.push(`${f} imports package ${spec}`);
          continue;
        }
        const target = path.relative(process.cwd(), path.resolve(path.dirname(f), spec)).split(path.sep).join('/');
        const top = target.split('/')[0];
        if (top === 'db' && !(f === path.join('cli', 'open.ts') && target === 'db/store.ts')) found.push(`${f} imports ${target}`);
        // `plandesk hub …` is the city hub's own command (issue 16), defined in hub/cli.ts
        else if (top === 'hub' && !(f === path.join('cli', 'commands', 'hub.ts') && target === 'hub/cli.ts')) found.push(`${f} imports ${target}`);
        else if (top !== 'db' && top !== 'hub' && top !== 'cli' && top !== 'contract') found.push(`${f} imports ${target}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check itself sees a core import (so it cannot pass by reading nothing)', () => {
    expect(specs('cli/open.ts')).toContain('../db/store.ts');
    expect(sourceFiles('cli').length).toBeGreaterThan(10);
  });
});
