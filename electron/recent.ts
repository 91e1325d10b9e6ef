/** The "最近打开" list: most recent first, no duplicates, at most ten, kept in a small JSON file. */
import fs from 'node:fs';
import path from 'node:path';

export const MAX_RECENT = 10;

export function addRecent(list: readonly string[], file: string): string[] {
  const abs = path.resolve(file);
  return [abs, ...list.filter((f) => f !== abs)].slice(0, MAX_RECENT);
}

export function readRecent(jsonFile: string): string[] {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function writeRecent(jsonFile: string, list: readonly string[]): void {
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  const tmp = `${jsonFile}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(list, null, 2));
  fs.renameSync(tmp, jsonFile);
}
