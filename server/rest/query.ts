// The query string of a request split into its parts: select, filters and
// logic trees, order, limit/offset (or the Range header), and the write
// parameters columns / on_conflict. On GET /rpc/<fn>, values without an
// operator are the function's arguments instead of filters.
import { pgrstError } from './errors.ts';
import type { ReadQuery } from './build-read.ts';
import { hasOperator, parseFilter, parseLogic, parseOrder } from './parse-filters.ts';
import { parseColumns, parseSelect } from './parse-select.ts';

export interface ParsedQuery extends ReadQuery {
	/** `select=` was given (writes return all columns without it). */
	selectGiven: boolean;
	columns: string[] | undefined;
	onConflict: string[] | undefined;
	/** Arguments of GET /rpc/<fn> (first value of each key). */
	args: Map<string, string>;
	/** limit/offset or Range asked for a part of the result. */
	ranged: boolean;
}

const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict', 'apikey']);

/** PostgREST ignores a limit or offset that is not an integer; a negative limit is an error. */
function integer(value: string | null): number | undefined {
	if (value === null || !/^\s*-?\d+\s*$/.test(value)) return undefined;
	return Number(value);
}

function rangeError(details: string) {
	return pgrstError(416, 'PGRST103', 'Requested range not satisfiable', details);
}

export function parseQuery(url: URL, rangeHeader: string | undefined, forRpc: boolean): ParsedQuery {
	const params = url.searchParams;
	const select = params.get('select');
	const query: ParsedQuery = {
		select: parseSelect(select),
		selectGiven: select !== null,
		where: [],
		order: params.getAll('order').flatMap((value) => parseOrder(value)),
		limit: undefined,
		offset: 0,
		columns: params.has('columns') ? parseColumns(params.get('columns') ?? '') : undefined,
		onConflict: params.has('on_conflict') ? parseColumns(params.get('on_conflict') ?? '') : undefined,
		args: new Map(),
		ranged: false
	};
	for (const [key, value] of params) {
		if (RESERVED.has(key)) continue;
		if (/^(not\.)?(and|or)$/.test(key)) query.where.push(parseLogic(key, value));
		else if (forRpc && !hasOperator(value)) {
			if (!query.args.has(key)) query.args.set(key, value);
		} else query.where.push(parseFilter(key, value));
	}

	const limit = integer(params.get('limit'));
	const offset = integer(params.get('offset'));
	if (limit !== undefined && limit < 0) throw rangeError('Limit should be greater than or equal to zero.');
	if (limit !== undefined || offset !== undefined) {
		query.limit = limit;
		query.offset = Math.max(0, offset ?? 0);
		query.ranged = true;
	} else if (rangeHeader !== undefined) {
		const match = /^\s*(?:items=)?(\d+)-(\d*)\s*$/.exec(rangeHeader);
		if (match) {
			const lower = Number(match[1]);
			const upper = match[2] === '' ? undefined : Number(match[2]);
			if (upper !== undefined && upper < lower) {
				throw rangeError('The lower boundary must be lower than or equal to the upper boundary in the Range header.');
			}
			query.offset = lower;
			query.limit = upper === undefined ? undefined : upper - lower + 1;
			query.ranged = true;
		}
	}
	return query;
}
