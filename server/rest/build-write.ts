// Inserts (and upserts), updates and deletes as one statement each. The
// request body is one bound json parameter expanded by Postgres
// (json_populate_recordset against the table's row type), so values reach
// columns with the table's own types and never as SQL text.
import { buildWhere, resolveColumn, type ColumnSource } from './build-where.ts';
import { jsonBody, selectList, type Shape } from './build-read.ts';
import type { Condition } from './parse-filters.ts';
import type { SelectItem } from './parse-select.ts';
import { quoteIdent, quoteLiteral, type SqlParams } from './sql.ts';

/** What comes back: the selected columns of the affected rows, or only their count. */
export type Returning = { kind: 'rows'; select: SelectItem[]; shape: Shape } | { kind: 'count' };

export interface WriteTarget {
	/** Quoted, qualified: "public"."queues". */
	table: string;
	source: ColumnSource;
}

function returningClause(returning: Returning, source: ColumnSource): string {
	if (returning.kind === 'count') return 'returning 1';
	if (returning.select.some((item) => item.kind === 'star')) return 'returning *';
	const names = new Set(
		returning.select.flatMap((item) => (item.kind === 'column' ? [resolveColumn(source, item.column).name] : []))
	);
	return `returning ${[...names].map(quoteIdent).join(', ')}`;
}

/** Wraps a data-modifying statement: columns pgrst_page (affected rows) and pgrst_body (JSON or null). */
function finish(statement: string, returning: Returning, source: ColumnSource, prelude = ''): string {
	if (returning.kind === 'count') {
		return `with ${prelude}pgrst_source as (${statement})
select count(*) as pgrst_page, null::text as pgrst_body from pgrst_source`;
	}
	return `with ${prelude}pgrst_source as (${statement}),
pgrst_out as (select ${selectList(returning.select, source)} from pgrst_source)
select count(*) as pgrst_page, ${jsonBody('pgrst_out', returning.shape)} as pgrst_body from pgrst_out`;
}

export interface InsertSpec {
	/** Target columns, already checked against the catalog (may be empty: all defaults). */
	columns: string[];
	/** Prefer: missing=default — keys absent from a row take the column default, not null. */
	missingDefault: boolean;
	onConflict?: { columns: string[]; action: 'merge' | 'ignore' };
}

export function buildInsert(
	target: WriteTarget,
	spec: InsertSpec,
	body: string,
	returning: Returning,
	params: SqlParams
): string {
	const { table, source } = target;
	const payload = params.add(body);
	const cols = spec.columns.map((name) => resolveColumn(source, name));
	const into = cols.length > 0 ? ` (${cols.map((c) => quoteIdent(c.name)).join(', ')})` : '';
	let values: string;
	if (spec.missingDefault) {
		const exprs = cols.map(
			(c) =>
				`case when pgrst_e.j::jsonb ? ${quoteLiteral(c.name)} then pgrst_r.${quoteIdent(c.name)} else ${c.default ?? 'null'} end`
		);
		values = `select ${exprs.join(', ')} from pgrst_rows, json_array_elements(pgrst_rows.j) as pgrst_e (j),
			json_populate_record(null::${table}, pgrst_e.j) as pgrst_r`;
	} else {
		const exprs = cols.map((c) => `pgrst_r.${quoteIdent(c.name)}`);
		values = `select ${exprs.join(', ')} from pgrst_rows, json_populate_recordset(null::${table}, pgrst_rows.j) as pgrst_r`;
	}
	let conflict = '';
	if (spec.onConflict) {
		const targets = spec.onConflict.columns.map((name) => quoteIdent(resolveColumn(source, name).name));
		const updates = cols
			.filter((c) => !spec.onConflict?.columns.includes(c.name))
			.map((c) => `${quoteIdent(c.name)} = excluded.${quoteIdent(c.name)}`);
		const action =
			spec.onConflict.action === 'merge' && updates.length > 0 ? `do update set ${updates.join(', ')}` : 'do nothing';
		conflict = `on conflict (${targets.join(', ')}) ${action}`;
	}
	const statement = `insert into ${table}${into} ${values} ${conflict} ${returningClause(returning, source)}`;
	// A single object is inserted as a one-element array.
	const rows = `pgrst_rows as (select case when json_typeof(${payload}::json) = 'array'
		then ${payload}::json else json_build_array(${payload}::json) end as j),\n`;
	return finish(statement, returning, source, rows);
}

export function buildUpdate(
	target: WriteTarget,
	columns: string[],
	body: string,
	where: Condition[],
	returning: Returning,
	params: SqlParams
): string {
	const { table, source } = target;
	const cols = columns.map((name) => quoteIdent(resolveColumn(source, name).name));
	const payload = params.add(body);
	const set = `(${cols.join(', ')}) = (select ${cols.map((c) => `pgrst_r.${c}`).join(', ')}
		from json_populate_record(null::${table}, ${payload}::json) as pgrst_r)`;
	const statement = `update ${table} set ${set} ${buildWhere(where, source, params)} ${returningClause(returning, source)}`;
	return finish(statement, returning, source);
}

export function buildDelete(target: WriteTarget, where: Condition[], returning: Returning, params: SqlParams): string {
	const { table, source } = target;
	const statement = `delete from ${table} ${buildWhere(where, source, params)} ${returningClause(returning, source)}`;
	return finish(statement, returning, source);
}
