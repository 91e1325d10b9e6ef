/**
 * The layer boundaries are the compiler's (tsconfig.json → tsconfig.<layer>.json): each layer may
 * import only the layers it references, and has only its own globals (DOM, Node types). Proved here:
 * for each layer a probe file compiled as a file of that layer (a temp tsconfig extending the layer's,
 * with its references) must fail on every forbidden line and pass on every allowed one, all in one
 * `tsc -b` run. The layer map itself is pinned, and every source file must belong to exactly one layer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { layers, ROOT } from './helpers/layers.ts';

const ALL = ['pure', 'package', 'db', 'renderer', 'electron', 'web', 'hub', 'cli', 'bench', 'tools'];

/** layer → what it may import (its references), whether it has the DOM library and Node's types */
const MAP: Record<string, { refs: string[]; dom: boolean; node: boolean }> = {
  pure: { refs: [], dom: false, node: false },
  // the 报送包 format both the core and the hub read packages with (issue 16)
  package: { refs: ['pure'], dom: false, node: true },
  db: { refs: ['pure', 'package'], dom: false, node: true },
  renderer: { refs: ['pure'], dom: true, node: false },
  electron: { refs: ['pure', 'db'], dom: false, node: true },
  web: { refs: ['pure', 'db'], dom: false, node: true },
  // the city hub on PostgreSQL: apart from the desktop's SQLite core (issue 16)
  hub: { refs: ['pure', 'package'], dom: false, node: true },
  cli: { refs: ['pure', 'db', 'hub'], dom: false, node: true },
  bench: { refs: ['pure', 'db'], dom: false, node: true },
  tools: { refs: ['pure', 'db'], dom: false, node: true },
  tests: { refs: ALL, dom: true, node: true },
};

const at = (rel: string) => JSON.stringify(path.join(ROOT, rel));

// One line each; `ok` lines must compile in that layer, `no` lines must not.
const CONTRACT = `export * as contract from ${at('contract/names.ts')};`;
const DB = `export * as db from ${at('db/errors.ts')};`;
const RENDERER = `export * as ui from ${at('renderer/src/i18n/catalogue.ts')};`;
const ELECTRON = `export * as shell from ${at('electron/menu.ts')};`;
const WEB = `export * as web from ${at('web/server.ts')};`;
const HUB = `export * as hub from ${at('hub/roles.ts')};`;
const PACKAGE = `export * as pkg from ${at('package/errors.ts')};`;
const NODE_FS = `export * as nodeFs from 'node:fs';`;
const NODE_GLOBAL = 'export const nodeGlobal = typeof process + typeof Buffer;';
const DOM_GLOBAL = 'export const domGlobal = typeof document;';
const DOM_TYPE = 'export type DomType = HTMLElement;';

/**
 * Per layer: `ok` lines must compile, `no` lines (globals, Node's modules) must not; `imports` (files
 * of layers it may not import) must not either, compiled apart, since the files they pull in bring
 * their own globals (electron/ brings Node's types) that would hide the `no` lines' errors.
 */
const PROBES: Record<string, { ok: string[]; no: string[]; imports: string[] }> = {
  pure: { ok: ["export * as zod from 'zod';"], no: [NODE_FS, NODE_GLOBAL, DOM_GLOBAL, DOM_TYPE], imports: [DB, RENDERER] },
  package: { ok: [CONTRACT, NODE_FS, NODE_GLOBAL], no: [DOM_GLOBAL, DOM_TYPE], imports: [DB, HUB, RENDERER] },
  db: { ok: [CONTRACT, PACKAGE, NODE_FS, NODE_GLOBAL], no: [DOM_GLOBAL, DOM_TYPE], imports: [RENDERER, ELECTRON, WEB, HUB] },
  renderer: { ok: [CONTRACT, DOM_GLOBAL, DOM_TYPE], no: [NODE_FS, NODE_GLOBAL], imports: [DB, ELECTRON] },
  electron: { ok: [CONTRACT, DB, NODE_FS], no: [DOM_GLOBAL, DOM_TYPE], imports: [RENDERER, WEB] },
  web: { ok: [CONTRACT, DB, NODE_FS], no: [DOM_GLOBAL], imports: [RENDERER, ELECTRON, HUB] },
  hub: { ok: [CONTRACT, PACKAGE, NODE_FS, "export * as pg from 'pg';"], no: [DOM_GLOBAL], imports: [DB, RENDERER, ELECTRON, WEB] },
  cli: { ok: [CONTRACT, DB, HUB, NODE_FS], no: [DOM_GLOBAL], imports: [RENDERER, ELECTRON, WEB] },
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (['node_modules', 'build', 'dist', '.git', 'artifacts'].includes(e.name)) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [p] : [];
  });
}

describe('layers (compiler-enforced boundaries)', () => {
  const all = layers();

  it('the layer map: what each layer may import, DOM and Node types', () => {
    expect(all.map((l) => l.name).sort()).toEqual(Object.keys(MAP).sort());
    for (const l of all) {
      const want = MAP[l.name]!;
      expect(l.references.sort(), `${l.name} references`).toEqual([...want.refs].sort());
      expect(l.options.composite, `${l.name} composite (TS6307 for files of other layers)`).toBe(true);
      const dom = (l.options.lib ?? []).some((lib) => /dom/i.test(lib));
      expect(dom, `${l.name} has the DOM library`).toBe(want.dom);
      expect(l.options.types, `${l.name} types`).toEqual(want.node ? ['node'] : []);
    }
  });

  it('every source file is in exactly one layer', () => {
    const owners = new Map<string, string[]>();
    for (const l of all) for (const f of l.files) if (!f.endsWith('.d.ts')) owners.set(path.resolve(f), [...(owners.get(path.resolve(f)) ?? []), l.name]);
    const files = sourceFiles(ROOT).filter((f) => !/\.d\.m?ts$/.test(f));
    expect(files.length).toBeGreaterThan(200);
    const wrong = files.map((f) => [path.relative(ROOT, f), owners.get(f) ?? []] as const).filter(([, o]) => o.length !== 1);
    expect(wrong, 'files in no layer or in several').toEqual([]);
  });

  it('no package brings a layer globals it may not have: no Node types in pure or renderer, no DOM in pure or db', () => {
    for (const name of ['pure', 'renderer', 'db']) {
      const l = all.find((x) => x.name === name)!;
      const program = ts.createProgram({ rootNames: l.files, options: l.options, projectReferences: l.projectReferences });
      const files = program.getSourceFiles().map((f) => f.fileName);
      expect(files.length, name).toBeGreaterThan(10);
      if (!MAP[name]!.node) expect(files.filter((f) => f.includes('/@types/node/')), `${name} sees Node's types`).toEqual([]);
      // @types/react's global.d.ts declares empty DOM interfaces (HTMLElement, …)
      if (!MAP[name]!.dom) expect(files.filter((f) => /\/lib\.dom|@types\/react\/global/.test(f)), `${name} sees the DOM`).toEqual([]);
    }
  });

  it('a forbidden import or global fails to compile in each layer; the allowed ones compile', () => {
    // inside the repo (gitignored build/), so packages and @types resolve from its node_modules
    fs.mkdirSync(path.join(ROOT, 'build'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(ROOT, 'build', 'layer-probes-'));
    try {
      const probes: string[] = [];
      for (const [layer, probe] of Object.entries(PROBES)) {
        const l = all.find((x) => x.name === layer)!;
        for (const [name, lines] of [[layer, [...probe.ok, ...probe.no]], [`${layer}-imports`, probe.imports]] as const) {
          fs.writeFileSync(path.join(dir, `probe-${name}.ts`), lines.join('\n') + '\n');
          const config = {
            extends: l.config,
            // only the probe (the layer's own files are checked by `npm run typecheck`), with the layer's
            // lib, types and references; no output
            compilerOptions: { noEmit: true, emitDeclarationOnly: false, tsBuildInfoFile: path.join(dir, `${name}.tsbuildinfo`) },
            files: [path.join(dir, `probe-${name}.ts`)],
            include: [],
            references: l.references.map((r) => ({ path: all.find((x) => x.name === r)!.config })),
          };
          fs.writeFileSync(path.join(dir, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
          probes.push(name);
        }
      }
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ files: [], references: probes.map((p) => ({ path: `./tsconfig.${p}.json` })) }));
      let out = '';
      try {
        out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', dir, '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
      } catch (err) {
        out = String((err as { stdout?: string }).stdout ?? err);
      }
      const errors = new Map<string, string[]>();
      for (const m of out.matchAll(/probe-([\w-]+)\.ts\((\d+),\d+\): error (TS\d+)/g)) {
        const key = `${m[1]}:${m[2]}`;
        errors.set(key, [...(errors.get(key) ?? []), m[3]!]);
      }
      for (const [layer, probe] of Object.entries(PROBES)) {
        probe.ok.forEach((line, i) => expect(errors.get(`${layer}:${i + 1}`), `${layer} must compile: ${line}\n${out}`).toBeUndefined());
        probe.no.forEach((line, i) => expect(errors.get(`${layer}:${probe.ok.length + i + 1}`), `${layer} must refuse: ${line}\n${out}`).toBeDefined());
        probe.imports.forEach((line, i) => expect(errors.get(`${layer}-imports:${i + 1}`), `${layer} must refuse: ${line}\n${out}`).toEqual(['TS6307']));
      }
    } finally {
      if (!process.env.KEEP_PROBES) fs.rmSync(dir, { recursive: true, force: true });
    }
    // one tsc -b over 14 probe projects: about 20 s alone, more on a machine shared with other runs
  }, 120_000);
});
