// PostgREST's answers for what the database says, and for a request that
// never reached it: the statuses supabase-js callers branch on.
import { describe, expect, it } from 'vitest';
import { DbUnavailableError, statementTimeoutError } from '../db/errors.ts';
import { fromPgError, fromUnavailable } from './errors.ts';

describe('REST error answers', () => {
	it('sends a statement timeout as PostgREST does: 57014 with HTTP 500', () => {
		const answer = fromPgError(statementTimeoutError(), true);
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({
			code: '57014',
			message: 'canceling statement due to statement timeout',
			details: null,
			hint: null
		});
	});

	it('answers a request that waited too long for the connection with 504 PGRST003 and Retry-After', () => {
		const answer = fromUnavailable(new DbUnavailableError('busy', 'waited 10000 ms', 1));
		expect(answer.status).toBe(504);
		expect(answer.body).toMatchObject({ code: 'PGRST003' });
		expect(answer.headers).toEqual({ 'retry-after': '1' });
	});

	it('answers a request the database could not be reopened for with 503 PGRST001 and Retry-After', () => {
		const answer = fromUnavailable(
			new DbUnavailableError('restarting', 'the embedded database could not be reopened', 2)
		);
		expect(answer.status).toBe(503);
		expect(answer.body).toEqual({
			code: 'PGRST001',
			message: 'Database client error. Retrying the connection.',
			details: 'the embedded database could not be reopened',
			hint: null
		});
		expect(answer.headers).toEqual({ 'retry-after': '2' });
	});
});
