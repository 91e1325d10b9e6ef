/**
 * The seed builder's part for the leaders' 分工: reads 渝府办发〔2023〕27号 from the gazette text and writes
 * seeds/leaders.json. `npx tsx scripts/leaders-seed.ts [TEXT]` (default seeds/sources/001_948a518f9fdda671.txt, the committed copy);
 * `--check` only compares (exit 1 when the shipped file differs). tests/leaders/seed.test.ts does the same check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseLeaderDocument } from '../db/leaders/parse.ts';
import { leaderSeedOf } from '../db/leaders/build.ts';
import { gazettePath } from '../db/draft/gazette-sources.ts';

const args = process.argv.slice(2);
const check = args.includes('--check');
const text = args.find((a) => !a.startsWith('--')) ?? gazettePath('001');
const out = path.join(import.meta.dirname, '../seeds/leaders.json');
const doc = parseLeaderDocument(fs.readFileSync(text, 'utf8').split(/\r?\n/));
if (!doc) {
  console.error(`${text}：没有找到《关于市政府领导同志工作分工的通知》`);
  process.exit(1);
}
const json = `${JSON.stringify(leaderSeedOf(doc, path.basename(text)), null, 2)}\n`;
if (check) {
  const same = fs.existsSync(out) && fs.readFileSync(out, 'utf8') === json;
  console.log(same ? 'seeds/leaders.json 与原文一致' : 'seeds/leaders.json 与原文不一致');
  process.exit(same ? 0 : 1);
}
fs.writeFileSync(out, json);
console.log(`seeds/leaders.json: ${doc.leaders.length} 位市领导，${doc.leaders.reduce((n, l) => n + l.duties.length, 0)} 项分工`);
