/**
 * 009 — a task's department as the document writes it (issue 14 §3). Shipped: never edit.
 *
 * task_departments.as_written: the name the document uses for this link when it differs from the
 * department's canonical name (19号 rows 15, 19, 53, 68 write 市金融工作局, an alias of 市金融监管局). NULL:
 * the document writes the canonical name (every link of an older file). The link still points at the one
 * department, so filtering and counting by department are unchanged; the ledger, detail and exports show
 * the written name, the canonical one beside it.
 */
export default {
  version: 9,
  name: 'as_written',
  sql: `
ALTER TABLE task_departments ADD COLUMN as_written TEXT CHECK (as_written IS NULL OR length(as_written) > 0);
`,
};
