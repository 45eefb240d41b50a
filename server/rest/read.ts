// Answers a read (GET/HEAD on a table or view, or on a table-valued
// function) with PostgREST's headers: Content-Range `first-last/total`,
// 206 for a part of a counted result, 416 for an offset past the end,
// and PGRST116 when a single object was asked for but not exactly one row came.
// No read returns more than `maxRows` rows (PostgREST's db-max-rows: the
// range is cut to offset … offset + maxRows − 1; a count still counts all).
import type { Queryable } from '../db/types.ts';
import { buildRead, type ReadQuery, type ReadRow, type Shape } from './build-read.ts';
import type { ColumnSource } from './build-where.ts';
import { pgrstError } from './errors.ts';
import { contentType } from './negotiate.ts';
import { sendText } from './reply.ts';
import { appliedHeader, runOptions, type RestRequest } from './request.ts';
import { runAs } from './run.ts';
import type { SqlParams } from './sql.ts';

export function singularityError(rows: number) {
	return pgrstError(
		406,
		'PGRST116',
		'JSON object requested, multiple (or no) rows returned',
		`The result contains ${rows} rows`
	);
}

export function count(value: string | number | null): number | undefined {
	return value === null ? undefined : Number(value);
}

/** The requested range cut to the row cap, as PostgREST's restrictRange does. */
export function capLimit(limit: number | undefined, maxRows: number): number {
	return Math.min(limit ?? maxRows, maxRows);
}

export async function answerRead(
	r: RestRequest,
	from: string,
	source: ColumnSource,
	query: ReadQuery,
	params: SqlParams,
	options: { readOnly: boolean; shape: Shape }
): Promise<void> {
	const { readOnly, shape } = options;
	const capped = { ...query, limit: capLimit(query.limit, r.maxRows) };
	const sql = buildRead(from, source, capped, { ...shape, count: r.prefs.count }, params);
	const run = (tx: Queryable) => tx.query<ReadRow>(sql, params.values);
	const row = (await runAs(r.ctx.db, r.auth, runOptions(r, readOnly), run)).rows[0];
	if (!row) throw new Error('read statement returned no row');
	const page = Number(row.pgrst_page);
	const total = count(row.pgrst_total);

	if (shape.singular && page !== 1) throw singularityError(page);
	if (total !== undefined && query.offset > total) {
		throw pgrstError(
			416,
			'PGRST103',
			'Requested range not satisfiable',
			`An offset of ${query.offset} was requested, but there are only ${total} rows.`
		);
	}
	const range = page > 0 ? `${query.offset}-${query.offset + page - 1}` : '*';
	const status = total !== undefined && page < total ? 206 : 200;
	sendText(r.req, r.res, status, row.pgrst_body ?? '[]', {
		'content-type': contentType(r.rep),
		'content-range': `${range}/${total ?? '*'}`,
		...appliedHeader(r)
	});
}
