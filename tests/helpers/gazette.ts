/**
 * The four gazette texts for tests: the copies committed in seeds/sources/ (db/draft/gazette-sources.ts says where;
 * tests/draft/sources.test.ts holds them to ../shared/seeds). Every drafting test reads them through here, so the
 * tests run — and can fail — on any clone, with or without the shared folder beside it. Nothing skips without them.
 */
import fs from 'node:fs';
import { gazetteName, gazettePath } from '../../db/draft/gazette-sources.ts';

export { GAZETTE_TEXTS, SOURCES, gazetteName, gazettePath, gazetteTexts, sharedSeeds } from '../../db/draft/gazette-sources.ts';

export const gazetteBytes = (prefix: string) => fs.readFileSync(gazettePath(prefix));
export const gazetteText = (prefix: string) => fs.readFileSync(gazettePath(prefix), 'utf8');
/** The form draft.read / draft.start take. */
export const gazetteFile = (prefix: string) => ({ fileName: gazetteName(prefix), bytes: gazetteBytes(prefix).toString('base64') });
