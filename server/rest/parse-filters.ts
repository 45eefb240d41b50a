// Horizontal filtering as PostgREST spells it: `col=[not.]op.value`,
// `col=in.(a,"b,c")`, `col=is.null`, logic trees `or=(a.eq.1,and(b.gt.2,c.is.null))`
// and `order=a.desc.nullslast,b`. Pure: text in, a small tree out; values stay
// text here and become bound parameters in build-where.ts.
import { parseError, RestError } from './errors.ts';
import { fieldName, splitTopLevel } from './parse-select.ts';

export const OPERATORS = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'match',
	'imatch',
	'isdistinct',
	'cs',
	'cd',
	'ov'
] as const;
export type Operator = (typeof OPERATORS)[number];

/** PostgREST operators this server does not implement (range and full-text search). */
const UNSUPPORTED = ['sl', 'sr', 'nxr', 'nxl', 'adj', 'fts', 'plfts', 'phfts', 'wfts'];

export type TriValue = 'null' | 'true' | 'false' | 'unknown';

export type Condition =
	| { kind: 'op'; column: string; negate: boolean; op: Operator; value: string }
	| { kind: 'in'; column: string; negate: boolean; values: string[] }
	| { kind: 'is'; column: string; negate: boolean; value: TriValue }
	| { kind: 'logic'; negate: boolean; op: 'and' | 'or'; children: Condition[] };

export interface OrderTerm {
	column: string;
	direction?: 'asc' | 'desc';
	nulls?: 'first' | 'last';
}

/** Deeper logic trees are refused rather than recursed into without bound. */
const MAX_DEPTH = 16;

class Cursor {
	pos = 0;
	constructor(
		readonly text: string,
		readonly fail: (details: string) => RestError
	) {}
	get done(): boolean {
		return this.pos >= this.text.length;
	}
	get char(): string {
		return this.text[this.pos] ?? '';
	}
	startsWith(s: string): boolean {
		return this.text.startsWith(s, this.pos);
	}
	eat(s: string): boolean {
		if (!this.startsWith(s)) return false;
		this.pos += s.length;
		return true;
	}
	expect(s: string, what = `"${s}"`): void {
		if (!this.eat(s)) throw this.fail(this.done ? `unexpected end of input expecting ${what}` : this.unexpected(what));
	}
	skipSpaces(): void {
		while (this.char === ' ' || this.char === '\t') this.pos++;
	}
	/** Characters up to (not including) any of `stops` or the end. */
	until(stops: string): string {
		const start = this.pos;
		while (!this.done && !stops.includes(this.char)) this.pos++;
		return this.text.slice(start, this.pos);
	}
	/** A "double quoted" value with backslash escapes, if one starts here and is followed by `,` or `)`. */
	quoted(): string | undefined {
		const match = /^"((?:[^"\\]|\\.)*)"/s.exec(this.text.slice(this.pos));
		if (!match) return undefined;
		const after = this.text[this.pos + match[0].length];
		if (after !== undefined && after !== ',' && after !== ')') return undefined;
		this.pos += match[0].length;
		return (match[1] ?? '').replace(/\\(.)/gs, '$1');
	}
	unexpected(expecting: string): string {
		return `unexpected "${this.char}" at position ${this.pos + 1} expecting ${expecting}`;
	}
}

function listValues(cur: Cursor): string[] {
	cur.skipSpaces();
	cur.expect('(');
	cur.skipSpaces();
	if (cur.eat(')')) return [];
	const values: string[] = [];
	for (;;) {
		values.push(cur.quoted() ?? cur.until(',)'));
		if (cur.eat(',')) continue;
		cur.expect(')', '"," or ")"');
		cur.skipSpaces();
		return values;
	}
}

function logicValue(cur: Cursor): string {
	const quoted = cur.quoted();
	if (quoted !== undefined) return quoted;
	if (cur.char === '{') {
		const end = cur.text.indexOf('}', cur.pos);
		if (end >= 0) {
			const value = cur.text.slice(cur.pos, end + 1);
			cur.pos = end + 1;
			return value;
		}
	}
	return cur.until(',)');
}

/** `[not.]op.value` after the column; inside a logic tree the value ends at `,` or `)`. */
function opExpr(cur: Cursor, column: string, inLogic: boolean): Condition {
	const negate = cur.eat('not.');
	if (cur.eat('in.')) return { kind: 'in', column, negate, values: listValues(cur) };
	if (cur.eat('is.')) {
		const word = inLogic ? cur.until(',)') : cur.until('');
		const value = word.toLowerCase();
		if (value !== 'null' && value !== 'true' && value !== 'false' && value !== 'unknown') {
			throw cur.fail(`unexpected "${word}" expecting null or trilean value (unknown, true, false)`);
		}
		return { kind: 'is', column, negate, value };
	}
	const name = cur.until('.');
	const op = OPERATORS.find((o) => o === name);
	if (!op) {
		if (UNSUPPORTED.includes(name) || /^(like|ilike|eq|neq|gt|gte|lt|lte|match|imatch)\((any|all)\)$/.test(name)) {
			throw cur.fail(`operator ${name} is not supported by this server`);
		}
		throw cur.fail(`unknown operator "${name}", expecting [not.] followed by one of ${OPERATORS.join(', ')}, in or is`);
	}
	cur.expect('.', 'delimiter (.)');
	const value = inLogic ? logicValue(cur) : cur.until('');
	return { kind: 'op', column, negate, op, value };
}

/** One `column=expression` query parameter. */
export function parseFilter(key: string, expression: string): Condition {
	const column = fieldName(key);
	if (column === undefined) {
		throw parseError('tree path', key, "embedded filters are not supported; filter on this table's columns");
	}
	const cur = new Cursor(expression, (details) => parseError('filter', expression, details));
	const condition = opExpr(cur, column, false);
	if (!cur.done) throw cur.fail(cur.unexpected('end of input'));
	return condition;
}

function logicItems(cur: Cursor, depth: number): Condition[] {
	if (depth > MAX_DEPTH) throw cur.fail(`logic trees may nest at most ${MAX_DEPTH} levels`);
	cur.skipSpaces();
	cur.expect('(');
	const items: Condition[] = [];
	for (;;) {
		cur.skipSpaces();
		const nested = /^(not\.)?(and|or)\(/.exec(cur.text.slice(cur.pos));
		if (nested) {
			cur.pos += nested[0].length - 1;
			const op = nested[2] === 'and' ? 'and' : 'or';
			items.push({ kind: 'logic', negate: nested[1] !== undefined, op, children: logicItems(cur, depth + 1) });
		} else {
			const raw = cur.quoted() ?? cur.until('.,)');
			const column = fieldName(raw);
			if (column === undefined) throw cur.fail(`invalid column name "${raw}" in logic tree`);
			cur.expect('.', 'delimiter (.)');
			items.push(opExpr(cur, column, true));
		}
		cur.skipSpaces();
		if (cur.eat(',')) continue;
		cur.expect(')', '"," or ")"');
		return items;
	}
}

/** `or=(…)`, `and=(…)`, `not.or=(…)`, `not.and=(…)`. */
export function parseLogic(key: string, value: string): Condition {
	const match = /^(not\.)?(and|or)$/.exec(key);
	if (!match) throw parseError('logic path', key, 'embedded logic trees are not supported');
	const cur = new Cursor(value, (details) => parseError('logic tree', value, details));
	const children = logicItems(cur, 1);
	cur.skipSpaces();
	if (!cur.done) throw cur.fail(cur.unexpected('end of input'));
	return { kind: 'logic', negate: match[1] !== undefined, op: match[2] === 'and' ? 'and' : 'or', children };
}

export function parseOrder(value: string): OrderTerm[] {
	const fail = (details: string) => parseError('order', value, details);
	const { parts, parens } = splitTopLevel(value);
	if (parens) throw fail('ordering by an embedded resource is not supported');
	return parts.map((part) => {
		const [name = '', ...modifiers] = part.trim().split('.');
		const column = fieldName(name);
		if (column === undefined) throw fail(`invalid column name "${name}"`);
		const term: OrderTerm = { column };
		let next = modifiers.shift();
		if (next === 'asc' || next === 'desc') {
			term.direction = next;
			next = modifiers.shift();
		}
		if (next === 'nullsfirst' || next === 'nullslast') {
			term.nulls = next === 'nullsfirst' ? 'first' : 'last';
			next = modifiers.shift();
		}
		if (next !== undefined) {
			throw fail(`unexpected "${next}" expecting "asc", "desc", "nullsfirst" or "nullslast"`);
		}
		return term;
	});
}

/** Whether a query value reads as a filter (else, on GET /rpc, it is a function argument), as PostgREST decides. */
export function hasOperator(value: string): boolean {
	const [first = '', second] = value.split('.');
	if (first === 'not' && second !== undefined) return true;
	if (first === 'is' || first === 'in') return value.includes('.');
	return value.includes('.') && ((OPERATORS as readonly string[]).includes(first) || UNSUPPORTED.includes(first));
}

/** Every column a list of conditions names, for checking them against the catalog up front. */
export function conditionColumns(conditions: Condition[]): string[] {
	return conditions.flatMap((c) => (c.kind === 'logic' ? conditionColumns(c.children) : [c.column]));
}
