/** From the parsed notice (parse.ts) to the seed file's shape (format.ts): ids and source named. */
import type { ParsedLeaderDocument } from './parse.ts';
import type { SeedLeaders } from './format.ts';

export function leaderSeedOf(doc: ParsedLeaderDocument, sourceFile: string): SeedLeaders {
  const key = /〔(\d{4})〕(\d+)号/.exec(doc.docNumber);
  const prefix = key ? `l-${key[1]}-${key[2]}` : 'l';
  return {
    document: {
      docNumber: doc.docNumber,
      title: doc.title,
      issuer: doc.issuer,
      issueDate: doc.issueDate,
      source: `${sourceFile} 第${doc.line}行`,
    },
    leaders: doc.leaders.map((l, i) => ({
      id: `${prefix}-${String(i + 1).padStart(2, '0')}`,
      name: l.name,
      title: l.title,
      line: l.line,
      duties: l.duties.map((d) => ({ kind: d.kind, verb: d.verb, text: d.text, line: d.line, sourceText: d.sourceText })),
    })),
  };
}
