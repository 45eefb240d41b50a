// Function calls for /rpc/<fn>: choosing the function by its argument names
// (as PostgREST does) and writing the call. Arguments travel as one bound
// JSON object; each is taken out with json_to_record and the parameter's
// own type, so `{"ids": [1,2]}` reaches an int[] parameter as an array.
import type { Routine } from './catalog.ts';
import { quoteIdent } from './sql.ts';

export type RoutineChoice =
	| { kind: 'named'; routine: Routine }
	/** One unnamed json/jsonb parameter: the whole body is the argument. */
	| { kind: 'single'; routine: Routine }
	| { kind: 'ambiguous'; routines: Routine[] }
	| { kind: 'none' };

export function chooseRoutine(
	candidates: Routine[],
	keys: string[],
	allow: { named: boolean; single: boolean }
): RoutineChoice {
	const named = candidates.filter((routine) => {
		if (!allow.named) return false;
		const names = new Set(routine.params.map((p) => p.name));
		return (
			keys.every((key) => key !== '' && names.has(key)) &&
			routine.params.every((p) => p.hasDefault || p.variadic || keys.includes(p.name))
		);
	});
	if (named.length === 1 && named[0]) return { kind: 'named', routine: named[0] };
	if (named.length > 1) return { kind: 'ambiguous', routines: named };
	if (allow.single) {
		const single = candidates.find(
			(routine) =>
				routine.params.length === 1 &&
				routine.params[0]?.name === '' &&
				/^pg_catalog\."?jsonb?"?$/.test(routine.params[0].type)
		);
		if (single) return { kind: 'single', routine: single };
	}
	return { kind: 'none' };
}

/**
 * `"public"."fn"(…)` with `args` (a `$n::text` placeholder holding the JSON
 * object of arguments) spread over the named parameters in `keys`.
 */
export function callExpression(
	choice: { kind: 'named' | 'single'; routine: Routine },
	keys: string[],
	args: string
): string {
	const { routine } = choice;
	const fn = `"public".${quoteIdent(routine.name)}`;
	if (choice.kind === 'single') return `${fn}(${args}::${routine.params[0]?.type ?? 'json'})`;
	const parts = routine.params
		.filter((p) => keys.includes(p.name))
		.map((p) => {
			const name = quoteIdent(p.name);
			const value = `(select pgrst_a.${name} from json_to_record(${args}::json) as pgrst_a (${name} ${p.type}))`;
			return `${p.variadic ? 'variadic ' : ''}${name} := ${value}`;
		});
	return `${fn}(${parts.join(', ')})`;
}

/** The describing text PostgREST uses in PGRST202/PGRST203 messages: `public.fn(a, b)`. */
export function signature(routine: Routine): string {
	return `public.${routine.name}(${routine.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`;
}
