import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { errorDetail, errorReason, errorText, handleError, isAbortError } from './errors';
import { toasts } from './toasts.svelte';

let logged: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
	vi.useFakeTimers();
	logged = vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
	toasts.clear();
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('errorText', () => {
	it('reads Errors, PostgREST-shaped objects and strings, and never throws on the rest', () => {
		expect(errorText(new TypeError('fetch failed'))).toBe('fetch failed');
		expect(errorText({ message: 'permission denied for table queues', code: '42501' })).toBe(
			'permission denied for table queues'
		);
		expect(errorText('plain words')).toBe('plain words');
		expect(errorText({ status: 500 })).toBe('{"status":500}');
		expect(errorText(undefined)).toBe('undefined');
		const loop: { self?: unknown } = {};
		loop.self = loop;
		expect(errorText(loop)).toBe('[object Object]');
	});
});

describe('errorReason', () => {
	it("reads the failures the API gives by design in the user's language", () => {
		expect(errorReason({ code: '42501', message: 'new row violates row-level security policy' })).toBe(
			m.error_denied()
		);
		expect(errorReason({ status: 403, code: 'not_admin' })).toBe(m.error_denied());
		expect(errorReason({ code: 'PGRST301', message: 'JWT expired' })).toBe(m.error_session());
		expect(errorReason({ status: 401, code: 'bad_jwt' })).toBe(m.error_session());
		expect(errorReason({ code: '57014', message: 'canceling statement due to statement timeout' })).toBe(
			m.error_timeout()
		);
		expect(errorReason({ code: 'PGRST003' })).toBe(m.error_busy());
		expect(errorReason({ code: 'PGRST001' })).toBe(m.error_busy());
		expect(errorReason({ status: 504, code: 'request_timeout' })).toBe(m.error_busy());
		expect(errorReason(new TypeError('Failed to fetch'))).toBe(m.error_offline());
		expect(errorReason(new TypeError('fetch failed'))).toBe(m.error_offline());
	});

	it('reads the QA refusals by their codes', () => {
		expect(errorReason({ code: 'CB113', message: 'Nobody scores a call they took themself.' })).toBe(
			m.qa_err_own_call()
		);
		expect(errorReason({ code: 'CB115' })).toBe(m.qa_err_items());
		expect(errorReason({ code: 'CB119' })).toBeUndefined();
	});

	it('leaves anything else to its own words', () => {
		expect(errorReason({ code: '23505', message: 'duplicate key value' })).toBeUndefined();
		expect(errorReason(new TypeError('x is not a function'))).toBeUndefined();
		expect(errorReason(new Error('Failed to fetch'))).toBeUndefined();
		expect(errorReason(null)).toBeUndefined();
		expect(errorDetail({ code: '23505', message: 'duplicate key value' })).toBe('duplicate key value');
	});

	it('names the API code beside the reason, for whoever reads the toast out to support', () => {
		expect(errorDetail({ code: '42501', message: 'permission denied' })).toBe(
			m.error_with_code({ reason: m.error_denied(), code: '42501' })
		);
		expect(errorDetail(new TypeError('Failed to fetch'))).toBe(m.error_offline());
	});
});

describe('handleError', () => {
	it('logs the error and shows the message with its reason in a toast', () => {
		const err = { message: 'JWT expired', code: 'PGRST301' };
		handleError(err, 'Could not save the settings');
		expect(logged).toHaveBeenCalledWith('Could not save the settings:', err);
		expect(toasts.items).toMatchObject([
			{
				title: 'Could not save the settings',
				detail: m.error_with_code({ reason: m.error_session(), code: 'PGRST301' }),
				count: 1
			}
		]);
	});

	it('ignores aborts, whatever shape they come in', () => {
		handleError(new DOMException('The user aborted a request.', 'AbortError'), 'Could not load');
		const abort = new Error('aborted');
		abort.name = 'AbortError';
		handleError(abort, 'Could not load');
		handleError({ name: 'AbortError', message: 'signal is aborted' }, 'Could not load');
		expect(isAbortError(abort)).toBe(true);
		expect(toasts.items).toEqual([]);
		expect(logged).not.toHaveBeenCalled();
	});

	it('folds a repeated failure into one toast that stays while it repeats', () => {
		handleError(new TypeError('fetch failed'), 'Could not refresh the numbers');
		vi.advanceTimersByTime(6_000);
		handleError(new TypeError('fetch failed'), 'Could not refresh the numbers');
		vi.advanceTimersByTime(6_000);
		expect(toasts.items).toMatchObject([{ detail: m.error_offline(), count: 2 }]);
		vi.advanceTimersByTime(2_001);
		expect(toasts.items).toEqual([]);
		expect(logged).toHaveBeenCalledTimes(2);
	});
});
