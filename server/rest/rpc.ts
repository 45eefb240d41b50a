// /rest/v1/rpc/<fn>: POST with a JSON object of named arguments (or, for a
// function with one unnamed json/jsonb parameter, the whole body), GET/HEAD
// with arguments in the query string (run read-only, as PostgREST does).
// Scalar results come back as the value, sets as arrays, table-valued
// results accept select/filters/order/limit, void answers 204.
import { readJsonBody, isObject } from './body.ts';
import { callExpression, chooseRoutine, signature, type RoutineChoice } from './build-rpc.ts';
import type { Routine } from './catalog.ts';
import { closestName } from './closest-name.ts';
import { pgrstError } from './errors.ts';
import { parseQuery } from './query.ts';
import { answerRead, capLimit } from './read.ts';
import { sendText } from './reply.ts';
import { appliedHeader, runOptions, type RestRequest } from './request.ts';
import { runAs } from './run.ts';
import { SqlParams } from './sql.ts';

function notFound(name: string, keys: string[], post: boolean, known: Routine[], names: Iterable<string>) {
	const sorted = [...keys].sort();
	const list = sorted.length === 0 ? ' without parameters' : `(${sorted.join(', ')})`;
	const searched =
		sorted.length === 0 ? ' without parameters' : ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}`;
	const similar = known.length > 0 ? undefined : closestName(name, names);
	let hint: string | null = null;
	if (known[0]) hint = `Perhaps you meant to call the function ${signature(known[0])}`;
	else if (similar !== undefined) hint = `Perhaps you meant to call the function public.${similar}`;
	return pgrstError(
		404,
		'PGRST202',
		`Could not find the function public.${name}${list} in the schema cache`,
		`Searched for the function public.${name}${searched}${post ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
		hint
	);
}

export async function handleRpc(r: RestRequest, name: string): Promise<void> {
	if (r.method !== 'GET' && r.method !== 'HEAD' && r.method !== 'POST') {
		throw pgrstError(405, 'PGRST101', `Cannot use the ${r.method} method on RPC`);
	}
	const post = r.method === 'POST';
	const query = parseQuery(r.url, post ? undefined : r.req.headers.range, !post);
	let keys: string[];
	let argsJson: string;
	let objectBody = true;
	if (post) {
		const body = await readJsonBody(r.req);
		objectBody = body === undefined || isObject(body.value);
		keys = body && isObject(body.value) ? Object.keys(body.value) : [];
		argsJson = body?.text ?? '{}';
	} else {
		keys = [...query.args.keys()];
		argsJson = JSON.stringify(Object.fromEntries(query.args));
	}

	// A body that is not an object can only be the single json argument.
	const pick = (routines: Routine[] | undefined): RoutineChoice =>
		chooseRoutine(routines ?? [], keys, { named: objectBody, single: post });
	const catalog = await r.catalog.get((c) => pick(c.routines.get(name)).kind !== 'none');
	const candidates = catalog.routines.get(name) ?? [];
	const choice = pick(candidates);
	if (choice.kind === 'none') throw notFound(name, keys, post, candidates, catalog.routines.keys());
	if (choice.kind === 'ambiguous') {
		throw pgrstError(
			300,
			'PGRST203',
			`Could not choose the best candidate function between: ${choice.routines.map(signature).join(', ')}`,
			null,
			'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
		);
	}

	const params = new SqlParams();
	// Bind the arguments only when the call reads them: Postgres refuses a bound value no statement uses.
	const call = callExpression(choice, keys, choice.kind === 'single' || keys.length > 0 ? params.add(argsJson) : '');
	const { returns } = choice.routine;
	const readOnly = !post;
	if (returns.kind === 'composite') {
		const shape = returns.set ? r.rep : { ...r.rep, singular: true };
		const source = { name: choice.routine.name, columns: returns.columns };
		return answerRead(r, `${call} as pgrst_call`, source, query, params, { readOnly, shape });
	}
	// A set of scalars is capped at max rows like every other read.
	const range = `limit ${capLimit(query.limit, r.maxRows)}${query.offset > 0 ? ` offset ${Math.trunc(query.offset)}` : ''}`;
	const sql =
		returns.kind === 'void'
			? `select ${call}`
			: returns.set
				? `select coalesce(json_agg(pgrst_s.v), '[]')::text as pgrst_body from (select ${call} as v ${range}) as pgrst_s`
				: `select coalesce(to_json(${call})::text, 'null') as pgrst_body`;
	const result = await runAs(r.ctx.db, r.auth, runOptions(r, readOnly), (tx) =>
		tx.query<{ pgrst_body?: string }>(sql, params.values)
	);
	if (returns.kind === 'void') {
		sendText(r.req, r.res, 204, undefined, appliedHeader(r));
		return;
	}
	sendText(r.req, r.res, 200, result.rows[0]?.pgrst_body ?? 'null', {
		'content-type': 'application/json; charset=utf-8',
		...appliedHeader(r)
	});
}
