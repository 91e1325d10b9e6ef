/** The part of daff 1.4.2 (test and bench only; ships no types) that the version comparison is checked against. */
declare module 'daff' {
  type Cell = unknown;
  class TableView {
    constructor(data: Cell[][]);
  }
  class CompareFlags {
    show_unchanged: boolean;
    show_unchanged_columns: boolean;
    unchanged_context: number;
    allow_nested_cells: boolean;
    ordered: boolean;
    addPrimaryKey(column: string): void;
  }
  interface Alignment {
    count(): number;
  }
  interface CompareTable {
    align(): Alignment;
  }
  class TableDiff {
    constructor(alignment: Alignment, flags: CompareFlags);
    hilite(output: TableView): boolean;
  }
  function compareTables(a: TableView, b: TableView, flags?: CompareFlags): CompareTable;
  const daff: { TableView: typeof TableView; CompareFlags: typeof CompareFlags; TableDiff: typeof TableDiff; compareTables: typeof compareTables };
  export default daff;
}
