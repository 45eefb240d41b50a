// Reads (GET/HEAD on a table, view or table-valued function) as one
// statement. Postgres builds the JSON itself (json_agg), so numbers,
// timestamps and json columns come out exactly as PostgREST sends them.
import { buildOrder, buildWhere, resolveColumn, type ColumnSource } from './build-where.ts';
import type { Condition, OrderTerm } from './parse-filters.ts';
import type { SelectItem } from './parse-select.ts';
import { quoteIdent, type SqlParams } from './sql.ts';

export interface Shape {
	/** One object instead of an array (the caller checks that exactly one row came back). */
	singular: boolean;
	stripNulls: boolean;
}

export interface ReadQuery {
	select: SelectItem[];
	where: Condition[];
	order: OrderTerm[];
	limit: number | undefined;
	offset: number;
}

/** Columns of the statement's answer: pgrst_total (or null), pgrst_page, pgrst_body. */
export interface ReadRow {
	pgrst_total: string | number | null;
	pgrst_page: string | number;
	pgrst_body: string | null;
}

export function selectList(items: SelectItem[], source: ColumnSource): string {
	return items
		.map((item) => {
			if (item.kind === 'star') return '*';
			const ref = quoteIdent(resolveColumn(source, item.column).name);
			const cast = item.cast ? `::${item.cast}` : '';
			return `${ref}${cast} as ${quoteIdent(item.alias ?? item.column)}`;
		})
		.join(', ');
}

/** The JSON text of the rows of CTE `name`, as an array or (singular) its first element. */
export function jsonBody(name: string, shape: Shape): string {
	const row = shape.stripNulls ? `json_strip_nulls(row_to_json(${name}))` : name;
	const agg = `json_agg(${row})`;
	return shape.singular ? `coalesce(${agg} -> 0, 'null')::text` : `coalesce(${agg}, '[]')::text`;
}

/**
 * `from` is the SQL after FROM: a quoted table name or a function call with
 * an alias. The total (for Prefer: count=exact) reuses the same where clause
 * and therefore the same parameters.
 */
export function buildRead(
	from: string,
	source: ColumnSource,
	query: ReadQuery,
	shape: Shape & { count: boolean },
	params: SqlParams
): string {
	const columns = selectList(query.select, source);
	const where = buildWhere(query.where, source, params);
	const order = buildOrder(query.order, source);
	const limit = query.limit === undefined ? '' : `limit ${Math.trunc(query.limit)}`;
	const offset = query.offset > 0 ? `offset ${Math.trunc(query.offset)}` : '';
	const page = [`select ${columns} from ${from}`, where, order, limit, offset].filter(Boolean).join(' ');
	const total = shape.count ? `(select count(*) from ${from} ${where})` : 'null::bigint';
	return `with pgrst_source as (${page})
select ${total} as pgrst_total, count(*) as pgrst_page, ${jsonBody('pgrst_source', shape)} as pgrst_body
from pgrst_source`;
}
