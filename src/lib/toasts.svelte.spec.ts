import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DONE_TOAST_MS, MAX_TOASTS, TOAST_MS, Toasts } from './toasts.svelte';

let toasts: Toasts;

beforeEach(() => {
	vi.useFakeTimers();
	toasts = new Toasts();
});

afterEach(() => {
	toasts.clear();
	vi.useRealTimers();
});

describe('Toasts', () => {
	it('shows a toast until its time is up, or until dismissed', () => {
		const a = toasts.show('Could not save', 'JWT expired');
		const b = toasts.show('Could not sign out', 'fetch failed');
		expect(toasts.items.map((t) => t.id)).toEqual([a, b]);
		toasts.dismiss(a);
		expect(toasts.items.map((t) => t.id)).toEqual([b]);
		vi.advanceTimersByTime(TOAST_MS - 1);
		expect(toasts.items).toHaveLength(1);
		vi.advanceTimersByTime(1);
		expect(toasts.items).toEqual([]);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('marks a confirmation apart from a failure and takes it away sooner', () => {
		toasts.show('Could not file', 'timeout');
		toasts.done('Filed');
		expect(toasts.items.map((t) => [t.title, t.kind])).toEqual([
			['Could not file', 'error'],
			['Filed', 'done']
		]);
		vi.advanceTimersByTime(DONE_TOAST_MS);
		expect(toasts.items.map((t) => t.title)).toEqual(['Could not file']);
		vi.advanceTimersByTime(TOAST_MS - DONE_TOAST_MS);
		expect(toasts.items).toEqual([]);
	});

	it('keeps the newest few and drops the timers of those it drops', () => {
		for (let i = 0; i < MAX_TOASTS + 2; i++) toasts.show(`problem ${i}`);
		expect(toasts.items.map((t) => t.title)).toEqual(['problem 2', 'problem 3', 'problem 4']);
		expect(vi.getTimerCount()).toBe(MAX_TOASTS);
	});

	it('counts repeats of the same notice instead of stacking them', () => {
		const first = toasts.show('Could not refresh', 'fetch failed');
		expect(toasts.show('Could not refresh', 'fetch failed')).toBe(first);
		toasts.show('Could not refresh', 'timeout');
		expect(toasts.items.map((t) => [t.detail, t.count])).toEqual([
			['fetch failed', 2],
			['timeout', 1]
		]);
	});

	it('knows while a board hosts the toasts in its header', () => {
		expect(toasts.hostedInline).toBe(false);
		const leave = toasts.hostInline();
		const leaveToo = toasts.hostInline();
		leave();
		expect(toasts.hostedInline).toBe(true);
		leaveToo();
		expect(toasts.hostedInline).toBe(false);
	});
});
