/**
 * No runtime import cycle anywhere: every file of every layer (tsconfig.json's projects) is read, and
 * a cycle of imports that exist at run time fails the test with its path. Type-only imports are not
 * cycles (they vanish when compiled). The checker itself is tried on a fixture first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeCycles } from './helpers/cycles.ts';
import { layers, ROOT } from './helpers/layers.ts';

describe('import cycles', () => {
  it('the checker finds runtime cycles (.ts imports, re-exports) and ignores type-only ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-cycles-'));
    const files: Record<string, string> = {
      // a → b → c → a at run time
      'a.ts': "import { b } from './b.ts';\nexport const a = () => b() + 1;\n",
      'b.ts': "export { c as b } from './c.ts';\n",
      'c.ts': "import { a } from './a.ts';\nexport const c = () => (typeof a === 'function' ? 1 : 0);\n",
      // d ↔ e only through types: `import type`, and a plain import used only as a type (elided)
      'd.ts': "import type { E } from './e.ts';\nexport interface D { e?: E }\nexport const d = 1;\n",
      'e.ts': "import { type D } from './d.ts';\nimport { d } from './d.ts';\nexport interface E { d?: D }\nexport const e = d;\n",
      'f.ts': "import { F2 } from './g.ts';\nexport type F = F2;\nexport const f = 1;\n",
      'g.ts': "import { f } from './f.ts';\nexport type F2 = number;\nexport const g = f;\n",
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    try {
      const cycles = await runtimeCycles(Object.keys(files).map((f) => path.join(dir, f)), dir, path.join(ROOT, 'tsconfig.base.json'));
      expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no runtime import cycle in any layer', async () => {
    const files = layers().flatMap((l) => l.files).filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(200);
    const cycles = await runtimeCycles(files, ROOT, path.join(ROOT, 'tsconfig.base.json'));
    expect(cycles.map((c) => c.join(' → ')), 'runtime import cycles').toEqual([]);
    // every file of every layer read by dpdm: about 10 s alone, three times that beside other test files
  }, 120_000);
});
