// The Functions section: which functions PostgREST can call, their Args and
// Returns, overloads as unions, and SetofOptions for functions that return
// rows of a relation — following postgres-meta's TypeScript template.
import type { FunctionArg, PgFunction, PgType } from './catalog';
import { byName, compareNames } from './sort';
import { nullable, pgTypeToTs, type TypeContext } from './ts-type';

/** A function with its input arguments, sorted by name as the CLI sorts them. */
export interface Callable {
	fn: PgFunction;
	inArgs: FunctionArg[];
}

// PostgREST passes a whole JSON/text body to a single unnamed argument of these types.
const JSON_OR_TEXT_OIDS = new Set(['114', '3802', '25']);
const INPUT_MODES = new Set(['in', 'inout', 'variadic']);

const key = (name: string): string => JSON.stringify(name);

class FunctionTypes {
	readonly #context: TypeContext;
	readonly #typesById: Map<string, PgType>;
	readonly #relationTypes: Map<string, PgType>;

	constructor(context: TypeContext) {
		this.#context = context;
		this.#typesById = new Map(context.types.map((t) => [t.id, t]));
		this.#relationTypes = new Map(context.types.filter((t) => t.relationId).map((t) => [t.id, t]));
	}

	isRelationType(typeId: string): boolean {
		return this.#relationTypes.has(typeId);
	}

	relationTypeFormat(typeId: string): string | undefined {
		return this.#relationTypes.get(typeId)?.format;
	}

	typeNameOf(typeId: string): string {
		return this.#typesById.get(typeId)?.name ?? 'unknown';
	}

	tsTypeOf(typeId: string): string {
		const type = this.#typesById.get(typeId);
		return type ? pgTypeToTs(type.name, this.#context) : 'unknown';
	}

	/** Name of the relation (or composite type) a function returns rows of. */
	returnedRelationName(fn: PgFunction): string | null {
		if (!fn.returnTypeRelationId) return null;
		const relation = this.#context.relations.find((r) => r.id === fn.returnTypeRelationId);
		return relation?.name ?? this.#relationTypes.get(fn.returnTypeId)?.name ?? null;
	}

	/** The row type alone, without `[]` or SetofOptions. */
	returnType(fn: PgFunction): string {
		const tableColumns = fn.args.filter((arg) => arg.mode === 'table');
		if (tableColumns.length > 0) {
			return `{ ${tableColumns.map((arg) => `${key(arg.name)}: ${this.tsTypeOf(arg.typeId)}`).join(', ')} }`;
		}
		const relation = this.#context.relations.find((r) => r.id === fn.returnTypeRelationId);
		if (relation) {
			const fields = byName(relation.columns).map(
				(c) => `${key(c.name)}: ${nullable(pgTypeToTs(c.format, this.#context), c.nullable)}`
			);
			return `{ ${fields.join(', ')} }`;
		}
		return this.tsTypeOf(fn.returnTypeId);
	}

	argsType(inArgs: FunctionArg[]): string {
		if (inArgs.length === 0) return 'never';
		const fields = inArgs.map((arg) => `${key(arg.name)}${arg.hasDefault ? '?' : ''}: ${this.tsTypeOf(arg.typeId)}`);
		return `{ ${fields.join(', ')} }`;
	}
}

function isCallable({ inArgs }: Callable, types: FunctionTypes): boolean {
	if (inArgs.every((arg) => arg.name !== '')) return true;
	if (inArgs.every((arg) => arg.name !== '' || (arg.hasDefault && JSON_OR_TEXT_OIDS.has(arg.typeId)))) {
		return true;
	}
	const [only] = inArgs;
	return (
		inArgs.length === 1 &&
		only !== undefined &&
		(JSON_OR_TEXT_OIDS.has(only.typeId) || types.isRelationType(only.typeId))
	);
}

function toCallable(fn: PgFunction): Callable {
	const args = byName(fn.args);
	return { fn: { ...fn, args }, inArgs: args.filter((arg) => INPUT_MODES.has(arg.mode)) };
}

/** Functions PostgREST exposes, sorted by name; overloads sorted by signature. */
export function callableFunctions(functions: PgFunction[], context: TypeContext): Callable[] {
	const types = new FunctionTypes(context);
	return functions
		.map(toCallable)
		.filter((c) => isCallable(c, types))
		.sort(
			(a, b) =>
				compareNames(a.fn.name, b.fn.name) ||
				compareNames(a.fn.argumentTypes, b.fn.argumentTypes) ||
				compareNames(a.fn.returnType, b.fn.returnType)
		);
}

interface SetofOptions {
	from: string;
	to: string;
	isOneToOne: boolean;
	isSetofReturn: boolean;
}

// Lets supabase-js select columns of the returned relation, and embed a
// function that takes a row ("computed relationship") from that relation.
function setofOptions(fn: PgFunction, types: FunctionTypes): SetofOptions | null {
	const to = types.returnedRelationName(fn);
	if (to === null) return null;
	const manyRows = fn.rows !== null && fn.rows > 1;
	const returnsSetOfRelation = fn.isSetReturning && fn.returnTypeRelationId !== null;
	const [onlyArg] = fn.args;
	const from = fn.args.length === 1 && onlyArg ? types.relationTypeFormat(onlyArg.typeId) : undefined;
	if (from !== undefined && returnsSetOfRelation) return { from, to, isOneToOne: !manyRows, isSetofReturn: true };
	if (from !== undefined) return { from, to, isOneToOne: true, isSetofReturn: false };
	return { from: '*', to, isOneToOne: !manyRows, isSetofReturn: fn.isSetReturning };
}

function returnsMember(fn: PgFunction, rowType: string, types: FunctionTypes): string {
	const options = setofOptions(fn, types);
	// A `rows 1` set-returning function returns one object, but only when
	// SetofOptions tells supabase-js to restore the array for plain rpc calls.
	const collapsesToOneRow = options !== null && !(fn.rows !== null && fn.rows > 1);
	const element = rowType.includes(' | ') && !rowType.startsWith('{') ? `(${rowType})` : rowType;
	const returns = fn.isSetReturning && !collapsesToOneRow ? `${element}[]` : rowType;
	if (!options) return `Returns: ${returns}`;
	return `Returns: ${returns}
		SetofOptions: {
			from: ${key(options.from)}
			to: ${key(options.to)}
			isOneToOne: ${String(options.isOneToOne)}
			isSetofReturn: ${String(options.isSetofReturn)}
		}`;
}

const AMBIGUOUS_HINT =
	'Try renaming the parameters or the function itself in the database so function overloading can be resolved';

/** Overloads PostgREST cannot choose between get an error type instead of a return type. */
function overloadConflict(schema: string, overloads: Callable[], own: Callable, types: FunctionTypes): string | null {
	const others = overloads.filter((o) => o !== own);
	const { fn, inArgs } = own;
	if (inArgs.length === 0) {
		const other = others.find((o) => o.inArgs.length === 1 && o.inArgs[0]?.name === '' && o.inArgs[0].hasDefault);
		if (!other) return null;
		const returned = types.typeNameOf(other.fn.returnTypeId);
		return `Could not choose the best candidate function between: ${schema}.${fn.name}(), ${schema}.${fn.name}( => ${returned}). ${AMBIGUOUS_HINT}`;
	}
	const [arg] = inArgs;
	if (inArgs.length !== 1 || !arg || arg.name === '') return null;
	const clashing = others.filter(
		(o) => o.inArgs.length === 1 && o.inArgs[0]?.name === arg.name && o.inArgs[0].typeId !== arg.typeId
	);
	if (clashing.length === 0) return null;
	const candidates = [own, ...clashing]
		.sort((a, b) => Number(a.inArgs[0]?.typeId ?? 0) - Number(b.inArgs[0]?.typeId ?? 0))
		.map((o) => {
			const args = o.inArgs.map((a) => `${a.name} => ${types.typeNameOf(a.typeId)}`).join(', ');
			return `${schema}.${fn.name}(${args})`;
		});
	return `Could not choose the best candidate function between: ${candidates.join(', ')}. ${AMBIGUOUS_HINT}`;
}

/** A single unnamed row argument without a relation result: PostgREST will not find it. */
function rowArgumentError(schema: string, { fn, inArgs }: Callable, types: FunctionTypes): string | null {
	const [only] = inArgs;
	if (inArgs.length !== 1 || only?.name !== '' || !types.isRelationType(only.typeId)) return null;
	if (types.returnedRelationName(fn) !== null) return null;
	return `the function ${schema}.${fn.name} with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache`;
}

function signature(schema: string, overloads: Callable[], callable: Callable, types: FunctionTypes): string {
	const args = types.argsType(callable.inArgs);
	const error = overloadConflict(schema, overloads, callable, types) ?? rowArgumentError(schema, callable, types);
	const returns =
		error === null
			? returnsMember(callable.fn, types.returnType(callable.fn), types)
			: `Returns: { error: true } & ${key(error)}`;
	return `{ Args: ${args}; ${returns} }`;
}

function groupByName(callables: Callable[]): Map<string, Callable[]> {
	const groups = new Map<string, Callable[]>();
	for (const callable of callables) {
		const group = groups.get(callable.fn.name) ?? [];
		group.push(callable);
		groups.set(callable.fn.name, group);
	}
	return groups;
}

export function renderFunctions(callables: Callable[], context: TypeContext): string[] {
	const types = new FunctionTypes(context);
	return [...groupByName(callables)].map(
		([name, overloads]) =>
			`${key(name)}: ${overloads.map((c) => signature(context.schema, overloads, c, types)).join(' |\n')}`
	);
}

/** Functions taking one unnamed row of a relation appear as nullable members of its Row. */
export function computedFields(relationName: string, callables: Callable[], context: TypeContext): string[] {
	const types = new FunctionTypes(context);
	return callables
		.filter(({ fn }) => fn.argumentTypes === relationName)
		.map(({ fn }) => `${key(fn.name)}: ${nullable(types.returnType(fn), true)}`);
}
