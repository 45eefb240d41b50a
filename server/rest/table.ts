// /rest/v1/<table>: reads and writes on a table or view of schema public.
import { readJsonBody, type JsonBody } from './body.ts';
import { closestName } from './closest-name.ts';
import { pgrstError } from './errors.ts';
import { conditionColumns } from './parse-filters.ts';
import { parseQuery, type ParsedQuery } from './query.ts';
import { answerRead } from './read.ts';
import type { RestRequest } from './request.ts';
import { quoteIdent, SqlParams } from './sql.ts';
import { insert, remove, update } from './write.ts';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']);

/** Every column the request names, so a stale cache can be reloaded before answering. */
function namedColumns(query: ParsedQuery, body: JsonBody | undefined): string[] {
	const names = [
		...query.select.flatMap((item) => (item.kind === 'column' ? [item.column] : [])),
		...conditionColumns(query.where),
		...query.order.map((term) => term.column),
		...(query.columns ?? []),
		...(query.onConflict ?? [])
	];
	if (!query.columns && body) {
		const rows: unknown[] = Array.isArray(body.value) ? body.value : [body.value];
		for (const row of rows) if (typeof row === 'object' && row !== null) names.push(...Object.keys(row));
	}
	return names;
}

export async function handleTable(r: RestRequest, name: string): Promise<void> {
	if (!METHODS.has(r.method)) throw pgrstError(405, 'PGRST117', `Unsupported HTTP method: ${r.method}`);
	const reading = r.method === 'GET' || r.method === 'HEAD';
	const range = reading ? r.req.headers.range : undefined;
	const query = parseQuery(r.url, range, false);
	const body = r.method === 'POST' || r.method === 'PATCH' ? await readJsonBody(r.req) : undefined;

	const columns = namedColumns(query, body);
	const catalog = await r.catalog.get((c) => {
		const relation = c.relations.get(name);
		return relation !== undefined && columns.every((column) => relation.columns.has(column));
	});
	const relation = catalog.relations.get(name);
	if (!relation) {
		const similar = closestName(name, catalog.relations.keys());
		throw pgrstError(
			404,
			'PGRST205',
			`Could not find the table 'public.${name}' in the schema cache`,
			null,
			similar === undefined ? null : `Perhaps you meant the table 'public.${similar}'`
		);
	}

	switch (r.method) {
		case 'POST':
			return insert(r, relation, query, body);
		case 'PATCH':
			return update(r, relation, query, body);
		case 'DELETE':
			return remove(r, relation, query);
		default: {
			const from = `"public".${quoteIdent(relation.name)}`;
			return answerRead(r, from, relation, query, new SqlParams(), { readOnly: true, shape: r.rep });
		}
	}
}
