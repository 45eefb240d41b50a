import { describe, expect, it } from 'vitest';
import { RestError, sqlstateStatus } from './errors.ts';
import { contentType, negotiateAccept, parsePrefer } from './negotiate.ts';

describe('parsePrefer', () => {
	it('reads what postgrest-js appends into one header', () => {
		const prefs = parsePrefer('count=exact, return=representation,resolution=merge-duplicates, missing=default');
		expect(prefs).toMatchObject({
			count: true,
			return: 'representation',
			resolution: 'merge-duplicates',
			missingDefault: true,
			rollback: false
		});
		expect(prefs.applied).toEqual([
			'count=exact',
			'return=representation',
			'resolution=merge-duplicates',
			'missing=default'
		]);
	});

	it('ignores unknown or malformed preferences', () => {
		expect(parsePrefer('return=everything, handling=lenient, tx=rollback')).toMatchObject({
			return: undefined,
			rollback: true,
			applied: ['tx=rollback']
		});
		expect(parsePrefer(undefined).count).toBe(false);
	});
});

describe('negotiateAccept', () => {
	it('answers arrays by default and one object for the pgrst object type', () => {
		expect(negotiateAccept(undefined)).toEqual({ singular: false, stripNulls: false });
		expect(negotiateAccept('application/json, text/plain, */*')).toEqual({ singular: false, stripNulls: false });
		expect(negotiateAccept('application/vnd.pgrst.object+json')).toEqual({ singular: true, stripNulls: false });
		expect(negotiateAccept('application/vnd.pgrst.array+json;nulls=stripped')).toEqual({
			singular: false,
			stripNulls: true
		});
		expect(contentType({ singular: true, stripNulls: false })).toBe('application/vnd.pgrst.object+json; charset=utf-8');
	});

	it('refuses CSV and other media types with 406 PGRST107', () => {
		try {
			negotiateAccept('text/csv');
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(RestError);
			expect((err as RestError).status).toBe(406);
			expect((err as RestError).body).toMatchObject({
				code: 'PGRST107',
				message: 'None of these media types are available: text/csv'
			});
		}
	});
});

describe('sqlstateStatus', () => {
	it('maps SQLSTATEs as PostgREST documents', () => {
		expect(sqlstateStatus('23505', true)).toBe(409);
		expect(sqlstateStatus('23503', true)).toBe(409);
		expect(sqlstateStatus('23502', true)).toBe(400);
		expect(sqlstateStatus('22P02', true)).toBe(400);
		expect(sqlstateStatus('P0001', true)).toBe(400);
		expect(sqlstateStatus('P0002', true)).toBe(500);
		expect(sqlstateStatus('42501', true)).toBe(403);
		expect(sqlstateStatus('42501', false)).toBe(401);
		expect(sqlstateStatus('42883', true)).toBe(404);
		expect(sqlstateStatus('42P01', true)).toBe(404);
		expect(sqlstateStatus('57014', true)).toBe(500);
		expect(sqlstateStatus('25006', true)).toBe(405);
		expect(sqlstateStatus('53100', true)).toBe(503);
		expect(sqlstateStatus('PT402', true)).toBe(402);
	});
});
