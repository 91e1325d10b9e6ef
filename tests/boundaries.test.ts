/**
 * What the compiler cannot see. Which layer may import which, and which globals (DOM, Node) each has,
 * is the compiler's job (tsconfig.<layer>.json, proved by tests/layers.test.ts). This checks the rest:
 * which packages a layer uses (the renderer no better-sqlite3/exceljs, the core no React), and the rules
 * inside the pure layer: the contract depends on nothing but zod; the chart definitions (charts/)
 * shared by the report page and the core's workbook pictures are type-only; the rules both sides
 * apply (domain/) are pure and written once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function resolvedInto(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.relative(process.cwd(), path.resolve(path.dirname(file), spec)).split(path.sep)[0] ?? null;
}

describe('module boundaries', () => {
  it('renderer/ imports only renderer/, contract/ and UI packages', () => {
    for (const f of sourceFiles('renderer/src')) {
      for (const spec of imports(f)) {
        const top = resolvedInto(f, spec);
        if (top) expect(['renderer', 'contract', 'charts', 'domain', 'messages'], `${f} imports ${spec}`).toContain(top);
        else expect(spec, `${f} imports ${spec}`).not.toMatch(/^(node:|better-sqlite3|electron$|exceljs|fs$|path$)/);
      }
    }
  });

  it('db/ never imports Electron, React or the UI', () => {
    for (const f of sourceFiles('db')) {
      for (const spec of imports(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/^(electron|react|react-dom|ag-grid|echarts-for-react)/);
        const top = resolvedInto(f, spec);
        if (top) expect(['db', 'contract', 'seeds', 'charts', 'domain', 'package'], `${f} imports ${spec}`).toContain(top);
      }
    }
  });

  it('domain/ holds pure rules shared by core and renderer: no Node, no DOM; only the contract and decimal.js', () => {
    for (const f of sourceFiles('domain')) {
      for (const spec of imports(f)) {
        const top = resolvedInto(f, spec);
        if (top) expect(['domain', 'contract'], `${f} imports ${spec}`).toContain(top);
        else expect(spec, `${f} imports ${spec}`).toBe('decimal.js');
      }
      expect(fs.readFileSync(f, 'utf8'), f).not.toMatch(/\b(document|window|process)\./);
    }
  });

  it('contract/ depends only on zod and itself', () => {
    for (const f of sourceFiles('contract')) {
      for (const spec of imports(f)) {
        const top = resolvedInto(f, spec);
        if (top) expect(top, `${f} imports ${spec}`).toBe('contract');
        else expect(spec).toBe('zod');
      }
    }
  });

  it('charts/ holds pure definitions: types from the contract and echarts, nothing that runs', () => {
    const files = sourceFiles('charts');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/^import\s+(type\s+)?.*?from\s+['"]([^'"]+)['"]/gm)) {
        expect(m[1], `${f}: ${m[0]} must be a type import`).toBeTruthy();
        const top = resolvedInto(f, m[2]!);
        if (top) expect(['charts', 'contract', 'domain'], `${f} imports ${m[2]}`).toContain(top);
        else expect(m[2], `${f} imports ${m[2]}`).toBe('echarts');
      }
      expect(text, f).not.toMatch(/\b(document|window)\./);
    }
  });

  it('domain/ holds pure rules: imports only domain/, the contract and decimal.js; no Node, no DOM, no React, no database', () => {
    const files = sourceFiles('domain');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      for (const spec of imports(f)) {
        const top = resolvedInto(f, spec);
        if (top) expect(['domain', 'contract'], `${f} imports ${spec}`).toContain(top);
        else expect(['decimal.js', 'zod'], `${f} imports ${spec}`).toContain(spec);
      }
      const text = fs.readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/\b(document|window|localStorage|navigator|process|Buffer|require)\b\s*[.(]/);
      expect(text, f).not.toMatch(/\bnew Date\(\s*\)|\bDate\.now\(/);
    }
  });

  it('the hub (PostgreSQL) and the desktop core (SQLite) stay apart: hub/ never imports db/ or better-sqlite3 (it reads packages through package/), nothing but hub/ imports pg', () => {
    const hubFiles = sourceFiles('hub');
    expect(hubFiles.length).toBeGreaterThan(5);
    for (const f of hubFiles) {
      for (const spec of imports(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/^(better-sqlite3|electron|react)/);
        const top = resolvedInto(f, spec);
        if (top) expect(['hub', 'contract', 'domain', 'package'], `${f} imports ${spec}`).toContain(top);
      }
    }
    for (const dir of ['db', 'domain', 'contract', 'renderer/src', 'electron', 'web', 'cli', 'package']) {
      for (const f of sourceFiles(dir)) for (const spec of imports(f)) expect(spec, `${f} imports ${spec}`).not.toMatch(/^pg(-|$|\/)/);
    }
  });

  it('package/ (the 报送包 format the core and the hub share) imports only itself, domain/ and contract/; no store, no server', () => {
    const files = sourceFiles('package');
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) {
      for (const spec of imports(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/^(pg|electron|react|exceljs)/);
        const top = resolvedInto(f, spec);
        if (top) expect(['package', 'contract', 'domain'], `${f} imports ${spec}`).toContain(top);
      }
      // packages are read from memory only: never a file opened by name
      expect(fs.readFileSync(f, 'utf8'), f).not.toMatch(/new Database\(\s*(?!bytes)/);
    }
  });

  it('no compiler suppressions anywhere', () => {
    for (const dir of ['domain', 'db', 'contract', 'charts', 'renderer', 'electron', 'web', 'hub', 'package', 'cli', 'bench', 'tests']) {
      for (const f of sourceFiles(dir)) expect(fs.readFileSync(f, 'utf8'), f).not.toMatch(new RegExp(['@ts', '(ignore|nocheck)'].join('-')));
    }
  });
});
