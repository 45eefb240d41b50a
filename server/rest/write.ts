// POST (insert, upsert), PATCH (update) and DELETE on a table or view.
// Status and headers follow PostgREST: 201 for inserts, 200 with a body or
// 204 without for updates and deletes; the body only with
// Prefer: return=representation. A singular Accept that does not match
// exactly one affected row answers 406 and rolls the change back.
import type { Queryable } from '../db/types.ts';
import { buildDelete, buildInsert, buildUpdate, type Returning, type WriteTarget } from './build-write.ts';
import { invalidJson, isObject, type JsonBody } from './body.ts';
import type { Relation } from './catalog.ts';
import { pgrstError } from './errors.ts';
import { contentType } from './negotiate.ts';
import type { ParsedQuery } from './query.ts';
import { singularityError } from './read.ts';
import { sendText } from './reply.ts';
import { appliedHeader, runOptions, type RestRequest } from './request.ts';
import { runAs } from './run.ts';
import { quoteIdent, SqlParams } from './sql.ts';

interface WriteRow {
	pgrst_page: string | number;
	pgrst_body: string | null;
}

export function unknownColumn(relation: Relation, column: string) {
	return pgrstError(400, 'PGRST204', `Could not find the '${column}' column of '${relation.name}' in the schema cache`);
}

function checkColumns(relation: Relation, columns: string[]): void {
	const missing = columns.find((c) => !relation.columns.has(c));
	if (missing !== undefined) throw unknownColumn(relation, missing);
}

function returningFor(r: RestRequest, query: ParsedQuery, relation: Relation): Returning {
	if (r.prefs.return === 'representation') return { kind: 'rows', select: query.select, shape: r.rep };
	if (r.prefs.return === 'headers-only' && relation.primaryKey.length > 0) {
		const select = relation.primaryKey.map((column) => ({ kind: 'column' as const, column }));
		return { kind: 'rows', select, shape: { singular: false, stripNulls: false } };
	}
	return { kind: 'count' };
}

async function execute(r: RestRequest, sql: string, params: SqlParams): Promise<{ page: number; body: string | null }> {
	const run = async (tx: Queryable) => {
		const row = (await tx.query<WriteRow>(sql, params.values)).rows[0];
		const page = Number(row?.pgrst_page ?? 0);
		// Thrown inside the transaction, so the write is undone.
		if (r.rep.singular && page !== 1) throw singularityError(page);
		return { page, body: row?.pgrst_body ?? null };
	};
	return runAs(r.ctx.db, r.auth, runOptions(r, false), run);
}

/** `/table?id=eq.…` of the first inserted row, for Prefer: return=headers-only. */
function location(relation: Relation, body: string | null): Record<string, string> {
	const rows = body === null ? [] : (JSON.parse(body) as Record<string, unknown>[]);
	const first = rows[0];
	if (!first) return {};
	const filters = relation.primaryKey.map((k) => `${encodeURIComponent(k)}=eq.${encodeURIComponent(String(first[k]))}`);
	return { location: `/${encodeURIComponent(relation.name)}?${filters.join('&')}` };
}

export async function insert(
	r: RestRequest,
	relation: Relation,
	query: ParsedQuery,
	body: JsonBody | undefined
): Promise<void> {
	if (!body) throw invalidJson();
	const rows = Array.isArray(body.value) ? body.value : [body.value];
	if (!rows.every(isObject)) throw invalidJson();
	let columns = query.columns;
	if (!columns) {
		columns = Object.keys(rows[0] ?? {});
		const key = [...columns].sort().join('\u0000');
		if (rows.some((row) => Object.keys(row).sort().join('\u0000') !== key)) {
			throw invalidJson('All object keys must match');
		}
	}
	checkColumns(relation, columns);
	let onConflict: { columns: string[]; action: 'merge' | 'ignore' } | undefined;
	if (r.prefs.resolution) {
		const targets = query.onConflict ?? relation.primaryKey;
		if (targets.length === 0) {
			throw pgrstError(
				400,
				'42P10',
				'there is no unique or exclusion constraint matching the ON CONFLICT specification'
			);
		}
		checkColumns(relation, targets);
		onConflict = { columns: targets, action: r.prefs.resolution === 'merge-duplicates' ? 'merge' : 'ignore' };
	}
	const target: WriteTarget = { table: `"public".${quoteIdent(relation.name)}`, source: relation };
	const returning = returningFor(r, query, relation);
	const params = new SqlParams();
	const spec = { columns, missingDefault: r.prefs.missingDefault, ...(onConflict && { onConflict }) };
	const sql = buildInsert(target, spec, body.text, returning, params);
	const { page, body: out } = await execute(r, sql, params);
	const headers = { 'content-range': `*/${r.prefs.count ? page : '*'}`, ...appliedHeader(r) };
	if (r.prefs.return === 'representation') {
		sendText(r.req, r.res, 201, out ?? '[]', { 'content-type': contentType(r.rep), ...headers });
	} else if (r.prefs.return === 'headers-only') {
		sendText(r.req, r.res, 201, undefined, { ...headers, ...location(relation, out) });
	} else sendText(r.req, r.res, 201, undefined, headers);
}

function answerChange(r: RestRequest, page: number, body: string | null): void {
	const range = page > 0 ? `0-${page - 1}` : '*';
	const headers = { 'content-range': `${range}/${r.prefs.count ? page : '*'}`, ...appliedHeader(r) };
	if (r.prefs.return === 'representation') {
		sendText(r.req, r.res, 200, body ?? '[]', { 'content-type': contentType(r.rep), ...headers });
	} else sendText(r.req, r.res, 204, undefined, headers);
}

function refuseRange(query: ParsedQuery): void {
	if (query.ranged) {
		throw pgrstError(400, 'PGRST100', 'limit/offset on PATCH and DELETE is not supported by this server');
	}
}

export async function update(
	r: RestRequest,
	relation: Relation,
	query: ParsedQuery,
	body: JsonBody | undefined
): Promise<void> {
	refuseRange(query);
	if (!body || !isObject(body.value)) throw invalidJson();
	const columns = query.columns ?? Object.keys(body.value);
	checkColumns(relation, columns);
	if (columns.length === 0) {
		// Nothing to change: PostgREST answers without touching the table.
		if (r.rep.singular) throw singularityError(0);
		answerChange(r, 0, '[]');
		return;
	}
	const target: WriteTarget = { table: `"public".${quoteIdent(relation.name)}`, source: relation };
	const params = new SqlParams();
	const sql = buildUpdate(target, columns, body.text, query.where, returningFor(r, query, relation), params);
	const { page, body: out } = await execute(r, sql, params);
	answerChange(r, page, out);
}

export async function remove(r: RestRequest, relation: Relation, query: ParsedQuery): Promise<void> {
	refuseRange(query);
	const target: WriteTarget = { table: `"public".${quoteIdent(relation.name)}`, source: relation };
	const params = new SqlParams();
	const sql = buildDelete(target, query.where, returningFor(r, query, relation), params);
	const { page, body: out } = await execute(r, sql, params);
	answerChange(r, page, out);
}
