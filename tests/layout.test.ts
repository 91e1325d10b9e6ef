/**
 * The map of the code (docs/ARCHITECTURE.md): an operation `domain.verb` is declared in
 * contract/ops/<domain>.ts, handled in db/<domain>/handlers.ts, and tested in tests/<domain>/.
 * Read from the files themselves, so a new operation in the wrong place fails here.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operations } from '../contract/operations.ts';

const domains = [...new Set(Object.keys(operations).map((name) => name.split('.')[0] ?? name))].sort();
const quoted = (name: string) => new RegExp(`['"]${name.replace(/\./g, '\\.')}['"]\\s*:`);

describe('one name, one place', () => {
  it('every operation d.v is declared in contract/ops/d.ts and handled in db/d/handlers.ts', () => {
    const misplaced: string[] = [];
    for (const name of Object.keys(operations)) {
      const d = name.split('.')[0] ?? name;
      const contract = `contract/ops/${d}.ts`;
      const handler = `db/${d}/handlers.ts`;
      if (!fs.existsSync(contract) || !quoted(name).test(fs.readFileSync(contract, 'utf8'))) misplaced.push(`${name}: not declared in ${contract}`);
      if (!fs.existsSync(handler) || !quoted(name).test(fs.readFileSync(handler, 'utf8'))) misplaced.push(`${name}: not handled in ${handler}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('each contract file declares only its own domain, and each handlers.ts handles only its own', () => {
    const strays: string[] = [];
    for (const d of domains) {
      for (const file of [`contract/ops/${d}.ts`, `db/${d}/handlers.ts`]) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/^\s*['"]([a-z]+)\.[a-zA-Z.]+['"]\s*:\s*(?:op\(|\()/gm)) if (m[1] !== d) strays.push(`${file}: ${m[0].trim()}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('every domain has its tests in tests/<domain>/', () => {
    const missing = domains.filter((d) => !fs.existsSync(`tests/${d}`) || !fs.readdirSync(`tests/${d}`).some((f) => f.endsWith('.test.ts')));
    expect(missing).toEqual([]);
  });

  it('contract/ops holds no file without operations, and db/ no handlers.ts outside a domain', () => {
    const files = fs.readdirSync('contract/ops').map((f) => f.replace(/\.ts$/, ''));
    expect(files.filter((f) => !domains.includes(f))).toEqual([]);
    const handlerDirs = fs.readdirSync('db', { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(`db/${e.name}/handlers.ts`)).map((e) => e.name);
    expect(handlerDirs.filter((d) => !domains.includes(d))).toEqual([]);
  });
});
