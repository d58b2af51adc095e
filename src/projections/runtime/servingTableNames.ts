import type { Projection, TableNames, TableRef } from './projection';

/** The tables that serve queries. A rebuild renames its new tables to the logical names when it
 * swaps, so resolving them needs no database round trip (docs/decisions/). */
export function servingTableNames<Table extends string>(projection: Pick<Projection<Table>, 'tables'>, schema: string): TableNames<Table> {
  return mapTables(projection.tables, (table) => ({ schema, name: table }));
}

export function mapTables<Table extends string>(tables: readonly Table[], toRef: (table: Table) => TableRef): TableNames<Table> {
  const entries: Array<[Table, TableRef]> = tables.map((table) => [table, toRef(table)]);
  return Object.fromEntries(entries) as Record<Table, TableRef>;
}
