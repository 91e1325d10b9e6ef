/**
 * Where the four gazette texts the seeds were curated from live in the repository: seeds/sources/, committed
 * copies of ../shared/seeds (byte-identical, tests/draft/sources.test.ts). Not used by the app: the drafting
 * tests (through tests/helpers/gazette.ts), `npm run bench -- draft` and the seed builders (scripts/) find the
 * texts here, so none of them depends on a machine's shared folder. It is in db/ because the bench and tools
 * layers may import only pure and db.
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** The committed copies. */
export const SOURCES = path.join(REPO_ROOT, 'seeds', 'sources');

/** The four texts by name, in issue order; the sha256 of each is in seeds/sources/README.md. */
export const GAZETTE_TEXTS = ['000_b70cdda238f3d181.txt', '001_948a518f9fdda671.txt', '002_c73c8cf96aca94bd.txt', '003_14b545c7654ed5c2.txt'] as const;

/** The committed text whose name starts with the prefix ('000' … '003'); throws when there is none (a test then fails, never skips). */
export function gazetteName(prefix: string): string {
  const name = GAZETTE_TEXTS.find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no gazette text starts with ${prefix}`);
  return name;
}
export const gazettePath = (prefix: string) => path.join(SOURCES, gazetteName(prefix));
/** All four: name and path, in issue order. */
export const gazetteTexts = () => GAZETTE_TEXTS.map((name) => ({ name, file: path.join(SOURCES, name) }));

/**
 * The shared originals, where they are beside the repository: $PLANDESK_SHARED_SEEDS, or ../shared/seeds from
 * the repo root (a clean clone, as CI makes it). Null when neither exists; only the identity test asks.
 */
export function sharedSeeds(): string | null {
  const dirs = [process.env.PLANDESK_SHARED_SEEDS, path.resolve(REPO_ROOT, '../shared/seeds')].filter((d): d is string => !!d);
  return dirs.find((d) => fs.existsSync(d)) ?? null;
}
