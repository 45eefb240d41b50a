import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorText, handleError, isAbortError } from './errors';
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

describe('handleError', () => {
	it('logs the error and shows the message with its reason in a toast', () => {
		const err = { message: 'JWT expired', code: 'PGRST301' };
		handleError(err, 'Could not save the settings');
		expect(logged).toHaveBeenCalledWith('Could not save the settings:', err);
		expect(toasts.items).toMatchObject([{ title: 'Could not save the settings', detail: 'JWT expired', count: 1 }]);
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
		handleError(new Error('fetch failed'), 'Could not refresh the numbers');
		vi.advanceTimersByTime(6_000);
		handleError(new Error('fetch failed'), 'Could not refresh the numbers');
		vi.advanceTimersByTime(6_000);
		expect(toasts.items).toMatchObject([{ detail: 'fetch failed', count: 2 }]);
		vi.advanceTimersByTime(2_001);
		expect(toasts.items).toEqual([]);
		expect(logged).toHaveBeenCalledTimes(2);
	});
});
