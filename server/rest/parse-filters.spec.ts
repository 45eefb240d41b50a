import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { conditionColumns, hasOperator, parseFilter, parseLogic, parseOrder } from './parse-filters.ts';

function failure(fn: () => unknown): RestError {
	try {
		fn();
	} catch (err) {
		if (err instanceof RestError) return err;
		throw err;
	}
	throw new Error('expected a RestError');
}

describe('parseFilter', () => {
	it('reads every supported operator with its value as text', () => {
		for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'isdistinct']) {
			expect(parseFilter('name', `${op}.a.b`)).toEqual({ kind: 'op', column: 'name', negate: false, op, value: 'a.b' });
		}
	});

	it('keeps the rest of the value untouched, whatever it contains', () => {
		const value = '1; drop table x; -- \' " ) (';
		expect(parseFilter('id', `eq.${value}`)).toMatchObject({ op: 'eq', value });
	});

	it('negates with not.', () => {
		expect(parseFilter('id', 'not.eq.3')).toEqual({ kind: 'op', column: 'id', negate: true, op: 'eq', value: '3' });
		expect(parseFilter('id', 'not.is.null')).toEqual({ kind: 'is', column: 'id', negate: true, value: 'null' });
	});

	it('accepts only null, true, false and unknown for is (any case)', () => {
		expect(parseFilter('a', 'is.NULL')).toMatchObject({ kind: 'is', value: 'null' });
		expect(parseFilter('a', 'is.unknown')).toMatchObject({ kind: 'is', value: 'unknown' });
		expect(failure(() => parseFilter('a', 'is.maybe')).body).toMatchObject({ code: 'PGRST100' });
	});

	it('parses in lists with quoted values, escapes and empty lists', () => {
		expect(parseFilter('a', 'in.(1,2,3)')).toEqual({ kind: 'in', column: 'a', negate: false, values: ['1', '2', '3'] });
		expect(parseFilter('a', 'in.("c,d",e,"f \\"g\\" (h)")')).toMatchObject({ values: ['c,d', 'e', 'f "g" (h)'] });
		expect(parseFilter('a', 'not.in.()')).toMatchObject({ negate: true, values: [] });
		expect(failure(() => parseFilter('a', 'in.(1,2')).status).toBe(400);
		expect(failure(() => parseFilter('a', 'in.(1)x')).body).toMatchObject({ code: 'PGRST100' });
	});

	it('refuses unknown and unsupported operators with PGRST100', () => {
		const unknown = failure(() => parseFilter('name', 'regex.x'));
		expect(unknown.status).toBe(400);
		expect(unknown.body).toMatchObject({
			code: 'PGRST100',
			message: '"failed to parse filter (regex.x)" (line 1, column 1)'
		});
		expect(unknown.body.hint).toBeNull();
		expect(failure(() => parseFilter('doc', 'fts.cat')).body.message).toContain('fts.cat');
		expect(failure(() => parseFilter('a', 'eq')).body).toMatchObject({ code: 'PGRST100' });
		expect(failure(() => parseFilter('a', 'eqx')).body).toMatchObject({ code: 'PGRST100' });
	});

	it('refuses embedded paths in the key', () => {
		expect(failure(() => parseFilter('teams.name', 'eq.x')).body).toMatchObject({ code: 'PGRST100' });
	});
});

describe('parseLogic', () => {
	it('parses or, and, not and nesting', () => {
		expect(parseLogic('or', '(a.eq.1,and(b.gt.2,c.is.null),not.or(d.in.(x,y),e.like.*z*))')).toEqual({
			kind: 'logic',
			negate: false,
			op: 'or',
			children: [
				{ kind: 'op', column: 'a', negate: false, op: 'eq', value: '1' },
				{
					kind: 'logic',
					negate: false,
					op: 'and',
					children: [
						{ kind: 'op', column: 'b', negate: false, op: 'gt', value: '2' },
						{ kind: 'is', column: 'c', negate: false, value: 'null' }
					]
				},
				{
					kind: 'logic',
					negate: true,
					op: 'or',
					children: [
						{ kind: 'in', column: 'd', negate: false, values: ['x', 'y'] },
						{ kind: 'op', column: 'e', negate: false, op: 'like', value: '*z*' }
					]
				}
			]
		});
		expect(parseLogic('not.and', '(a.eq.1,b.not.eq.2)')).toMatchObject({ negate: true, op: 'and' });
	});

	it('reads quoted values and {array} literals inside trees', () => {
		const tree = parseLogic('or', '(name.eq."a,b)c",tags.cs.{x,y})');
		expect(tree).toMatchObject({
			children: [
				{ op: 'eq', value: 'a,b)c' },
				{ op: 'cs', value: '{x,y}' }
			]
		});
	});

	it('refuses malformed trees and runaway nesting', () => {
		for (const bad of ['()', '(a.eq.1', 'a.eq.1', '(a.eq.1,xor(b.eq.2))', '(a.regex.1)', '(a.eq.1))']) {
			expect(failure(() => parseLogic('or', bad)).body).toMatchObject({ code: 'PGRST100' });
		}
		const deep = '(' + 'and('.repeat(40) + 'a.eq.1' + ')'.repeat(40) + ')';
		expect(failure(() => parseLogic('or', deep)).body.message).toContain('failed to parse logic tree');
	});

	it('lists the columns a tree names', () => {
		expect(conditionColumns([parseLogic('or', '(a.eq.1,and(b.gt.2,c.is.null))'), parseFilter('d', 'eq.1')])).toEqual([
			'a',
			'b',
			'c',
			'd'
		]);
	});
});

describe('parseOrder', () => {
	it('reads directions and null placement for several columns', () => {
		expect(parseOrder('a.desc.nullslast,b,c.asc,d.nullsfirst')).toEqual([
			{ column: 'a', direction: 'desc', nulls: 'last' },
			{ column: 'b' },
			{ column: 'c', direction: 'asc' },
			{ column: 'd', nulls: 'first' }
		]);
	});

	it('refuses anything else', () => {
		for (const bad of ['a.up', 'a.desc.nullsfirst.x', 'a.desc.asc', 'teams(name).desc', '', 'a,,b']) {
			expect(failure(() => parseOrder(bad)).body).toMatchObject({ code: 'PGRST100' });
		}
	});
});

describe('hasOperator', () => {
	it('tells filters from GET /rpc arguments like PostgREST', () => {
		expect(hasOperator('eq.1')).toBe(true);
		expect(hasOperator('not.eq.1')).toBe(true);
		expect(hasOperator('in.(1,2)')).toBe(true);
		expect(hasOperator('5a000000-0000-4000-8000-000000000001')).toBe(false);
		expect(hasOperator('3.5')).toBe(false);
		expect(hasOperator('eq')).toBe(false);
	});
});
