import { preparedOnce } from '../context.ts';

export interface UnitRow {
  id: string;
  name: string;
}

export const unitQueries = preparedOnce((db) => ({
  all: db.prepare<[], UnitRow & { aliases: string | null }>(
    `SELECT u.id, u.name, (SELECT json_group_array(alias) FROM unit_aliases a WHERE a.unit_id = u.id) AS aliases
       FROM units u ORDER BY u.name`,
  ),
  byName: db.prepare<[string], UnitRow>('SELECT id, name FROM units WHERE name = ?'),
  byAlias: db.prepare<[string], UnitRow>('SELECT u.id, u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?'),
  byId: db.prepare<[string], UnitRow>('SELECT id, name FROM units WHERE id = ?'),
  insert: db.prepare<[UnitRow], never>('INSERT INTO units (id, name) VALUES (@id, @name)'),
  insertAlias: db.prepare<[string, string], never>('INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?)'),
}));
