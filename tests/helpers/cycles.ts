/**
 * Runtime import cycles, found with dpdm (npm `dpdm`, kept, TypeScript-aware; resolves `.ts`
 * extension imports through the tsconfig). `transform: true` compiles each file as esbuild and tsx
 * do before reading its imports, so `import type` and imports used only as types (elided at run
 * time) are not edges; `import … from`, `export … from`, side-effect imports and `import()` are.
 */
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

export async function runtimeCycles(files: readonly string[], cwd: string, tsconfig: string): Promise<string[][]> {
  const tree = await parseDependencyTree([...files], { cwd, context: cwd, transform: true, tsconfig, skipDynamicImports: false });
  return parseCircular(tree, false).map((cycle) => cycle.map((f) => path.relative(cwd, path.resolve(cwd, f))));
}
