import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { parseColumns, parseSelect } from './parse-select.ts';

function failure(fn: () => unknown): RestError {
	try {
		fn();
	} catch (err) {
		if (err instanceof RestError) return err;
		throw err;
	}
	throw new Error('expected a RestError');
}

describe('parseSelect', () => {
	it('defaults to all columns', () => {
		expect(parseSelect(null)).toEqual([{ kind: 'star' }]);
		expect(parseSelect('')).toEqual([{ kind: 'star' }]);
	});

	it('reads columns, aliases and casts', () => {
		expect(parseSelect('id, no:employee_no,active::text,flag:active::int4,*')).toEqual([
			{ kind: 'column', column: 'id' },
			{ kind: 'column', column: 'employee_no', alias: 'no' },
			{ kind: 'column', column: 'active', cast: 'text' },
			{ kind: 'column', column: 'active', alias: 'flag', cast: 'int4' },
			{ kind: 'star' }
		]);
	});

	it('reads quoted names and aliases', () => {
		expect(parseSelect('"my col","x:y":"a,b"')).toEqual([
			{ kind: 'column', column: 'my col' },
			{ kind: 'column', column: 'a,b', alias: 'x:y' }
		]);
	});

	it('refuses resource embedding with a clear PGRST100', () => {
		const err = failure(() => parseSelect('id,teams(name)'));
		expect(err.status).toBe(400);
		expect(err.body).toMatchObject({ code: 'PGRST100', message: 'Resource embedding is not supported by this server' });
		expect(failure(() => parseSelect('count()')).body).toMatchObject({ code: 'PGRST100' });
	});

	it('refuses casts that are not a single type word (they are written into SQL)', () => {
		for (const bad of ['id::text;drop table x', 'id::int or true', 'id::"text"', 'id::']) {
			expect(failure(() => parseSelect(bad)).body).toMatchObject({ code: 'PGRST100' });
		}
	});

	it('refuses empty items and NUL characters', () => {
		expect(failure(() => parseSelect('id,,name')).body).toMatchObject({ code: 'PGRST100' });
		expect(failure(() => parseSelect('id\u0000')).body).toMatchObject({ code: 'PGRST100' });
		expect(failure(() => parseSelect('"":id')).body).toMatchObject({ code: 'PGRST100' });
	});
});

describe('parseColumns', () => {
	it('reads the quoted list postgrest-js sends', () => {
		expect(parseColumns('"site_id","name", plain')).toEqual(['site_id', 'name', 'plain']);
		expect(failure(() => parseColumns('a,(b)')).body).toMatchObject({ code: 'PGRST100' });
	});
});
