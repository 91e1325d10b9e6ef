/** THE measure: the four shared gazette texts drafted and compared with the curated seeds (see seed-match.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededStore } from '../helpers/store.ts';
import { draftIssue } from '../../db/draft/draft.ts';
import { readDocument } from '../../db/draft/read/read.ts';
import { referenceOf } from '../../db/draft/reference.ts';
import { loadSeeds, matchDraft, measure, report, total } from './seed-match.ts';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import { gazetteTexts } from '../helpers/gazette.ts';

describe('the drafter against the curated seeds', () => {
  it('drafts the seeds’ values exactly, with sources (figure printed)', async () => {
    const store = seededStore();
    const ref = referenceOf(store.ctx);
    const drafts: DraftPlan[] = [];
    for (const t of gazetteTexts()) drafts.push(...draftIssue((await readDocument(fs.readFileSync(t.file), t.name)).lines, t.name, ref));
    const seeds = loadSeeds(path.resolve(import.meta.dirname, '../../seeds/plans'));
    const figs = seeds.map((s) => measure(s.file, s.plan, matchDraft(s.plan, drafts)));
    console.log(report(figs));
    const t = total(figs);
    // the floor is what the drafter reaches (session 5: 273/273; with 8号’s 56 tasks, 79号’s 27 decisions , 57号’s 19 measures , 24号’s 14 tasks and 38号’s 33 points and 37号’s 14 tasks and 24号’s 4 发展目标 indicators seeded: 440/440); a lower figure is a regression
    expect(t.of).toBe(440);
    expect(t.hit).toBe(t.of);
    // the measure that is not circular: the values curated by hand before the drafter existed (issue 14 asks ≥ 95 %)
    const hand = total(figs, 'hand');
    const drafted = total(figs, 'drafted');
    expect(hand.of + drafted.of).toBe(t.of);
    expect(hand.of).toBe(273); // session 5's first figure, before anything was seeded from drafts
    expect(hand.hit / hand.of).toBeGreaterThanOrEqual(0.95);
    // reported beside it and held too: participating units + districts of the tasks, indicator names word for word
    expect(figs.reduce((s, f) => s + f.tasksFull, 0)).toBe(328);
    expect(figs.reduce((s, f) => s + f.nameExact, 0)).toBeGreaterThanOrEqual(60);
  });
});
