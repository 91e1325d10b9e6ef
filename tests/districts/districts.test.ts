/** districts.list (db/districts/handlers.ts): the common list of districts every plan refers to. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { District } from '../../contract/entities.ts';

describe('districts', () => {
  it('lists the 38 district-level divisions and 8 areas of the seed, each once, with code and group', () => {
    const list = ok<District[]>(seededStore(), 'districts.list', {});
    expect(list).toHaveLength(46);
    expect(new Set(list.map((d) => d.id)).size).toBe(46);
    expect(list.find((d) => d.name === '江津区')).toMatchObject({ id: 'd-500116', code: '500116' });
  });
});
