/**
 * The layers as the compiler sees them: each tsconfig.<layer>.json listed in tsconfig.json, with the
 * files it compiles. Shared by tests/layers.test.ts (boundaries) and tests/cycles.test.ts (cycles).
 */
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Layer {
  /** e.g. "db" for tsconfig.db.json */
  name: string;
  config: string;
  files: string[];
  options: ts.CompilerOptions;
  /** names of the layers it references (may import) */
  references: string[];
  projectReferences: readonly ts.ProjectReference[];
}

const layerName = (config: string) => path.basename(config).replace(/^tsconfig\.(.+)\.json$/, '$1');

function parse(config: string): ts.ParsedCommandLine {
  const read = ts.readConfigFile(config, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(config), undefined, config);
}

export function layers(): Layer[] {
  const solution = parse(path.join(ROOT, 'tsconfig.json'));
  return (solution.projectReferences ?? []).map((ref) => {
    const config = ts.resolveProjectReferencePath(ref);
    const parsed = parse(config);
    return {
      name: layerName(config),
      config,
      files: parsed.fileNames,
      options: parsed.options,
      references: (parsed.projectReferences ?? []).map((r) => layerName(ts.resolveProjectReferencePath(r))),
      projectReferences: parsed.projectReferences ?? [],
    };
  });
}
