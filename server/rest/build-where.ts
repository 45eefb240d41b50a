// Filter and order trees to SQL. Column names are looked up in the source's
// catalog entry (unknown → 42703, as Postgres would say) and quoted; every
// value is a bound parameter cast to the column's type, so no request text
// is ever part of the statement.
import type { Column } from './catalog.ts';
import { pgrstError } from './errors.ts';
import type { Condition, Operator, OrderTerm } from './parse-filters.ts';
import { quoteIdent, type SqlParams } from './sql.ts';

/** What a statement reads from: a table, a view, or a function's result. */
export interface ColumnSource {
	/** For messages: `column <name>.<col> does not exist`. */
	name: string;
	columns: Map<string, Column>;
}

export function resolveColumn(source: ColumnSource, name: string): Column {
	const column = source.columns.get(name);
	if (!column) throw pgrstError(400, '42703', `column ${source.name}.${name} does not exist`);
	return column;
}

const COMPARISONS: Record<Exclude<Operator, 'like' | 'ilike' | 'match' | 'imatch'>, string> = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	isdistinct: 'is distinct from',
	cs: '@>',
	cd: '<@',
	ov: '&&'
};
const PATTERNS = { like: 'like', ilike: 'ilike', match: '~', imatch: '~*' } as const;

function negated(negate: boolean, sql: string): string {
	return negate ? `not (${sql})` : sql;
}

export function buildCondition(condition: Condition, source: ColumnSource, params: SqlParams): string {
	if (condition.kind === 'logic') {
		const parts = condition.children.map((child) => buildCondition(child, source, params));
		return negated(condition.negate, `(${parts.join(` ${condition.op} `)})`);
	}
	const column = resolveColumn(source, condition.column);
	const ref = quoteIdent(column.name);
	switch (condition.kind) {
		case 'is':
			return negated(condition.negate, `${ref} is ${condition.value}`);
		case 'in': {
			if (condition.values.length === 0) return negated(condition.negate, 'false');
			const list = condition.values.map((v) => params.typed(v, column.type)).join(', ');
			return negated(condition.negate, `${ref} in (${list})`);
		}
		case 'op': {
			const { op, value } = condition;
			if (op === 'like' || op === 'ilike' || op === 'match' || op === 'imatch') {
				// Patterns apply to text; other types are compared through their text form.
				const subject = column.category === 'S' ? ref : `${ref}::text`;
				const pattern = op === 'like' || op === 'ilike' ? value.replaceAll('*', '%') : value;
				return negated(condition.negate, `${subject} ${PATTERNS[op]} ${params.add(pattern)}`);
			}
			return negated(condition.negate, `${ref} ${COMPARISONS[op]} ${params.typed(value, column.type)}`);
		}
	}
}

/** `where …` for all conditions joined with and, or '' when there are none. */
export function buildWhere(conditions: Condition[], source: ColumnSource, params: SqlParams): string {
	if (conditions.length === 0) return '';
	return `where ${conditions.map((c) => buildCondition(c, source, params)).join(' and ')}`;
}

export function buildOrder(terms: OrderTerm[], source: ColumnSource): string {
	if (terms.length === 0) return '';
	const parts = terms.map((term) => {
		const ref = quoteIdent(resolveColumn(source, term.column).name);
		const direction = term.direction ? ` ${term.direction}` : '';
		const nulls = term.nulls ? ` nulls ${term.nulls}` : '';
		return `${ref}${direction}${nulls}`;
	});
	return `order by ${parts.join(', ')}`;
}
