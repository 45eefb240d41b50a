// OutboundTally against a stand-in client whose RPC the test answers: one
// fetch at start and every 15 s, refreshes folded into one fetch, a failure
// told in a toast, nothing left running after the teardown.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboundTallyRow } from '$lib/data/wall';
import type { AppSupabaseClient } from '$lib/supabase';
import { toasts } from '$lib/toasts.svelte';
import { OutboundTally } from './outbound-tally.svelte';

const SITE = '5a000000-0000-4000-8000-000000000001';

const row = (connected: number): OutboundTallyRow => ({
	agent_id: 'ac000000-0000-4000-8000-000000000131',
	dialed: connected + 1,
	connected,
	grade_a: 0,
	grade_b: 0,
	grade_c: 0,
	grade_d: 0,
	invitations_week: 0
});

class FakeClient {
	calls = 0;
	answer: { data: OutboundTallyRow[] | null; error: { message: string } | null } = { data: [], error: null };
	rpc(name: string, args: { site_id: string }) {
		expect(name).toBe('wall_outbound_today');
		expect(args.site_id).toBe(SITE);
		this.calls++;
		return Promise.resolve(this.answer);
	}
}

let client: FakeClient;
let tally: OutboundTally;

beforeEach(() => {
	vi.useFakeTimers();
	client = new FakeClient();
	tally = new OutboundTally({ client: client as unknown as AppSupabaseClient, siteId: SITE });
});

afterEach(() => {
	toasts.clear();
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('OutboundTally', () => {
	it('fetches at start and every 15 s, and folds refreshes into one fetch', async () => {
		client.answer = { data: [row(2)], error: null };
		const stop = tally.start();
		await vi.advanceTimersByTimeAsync(0);
		expect(client.calls).toBe(1);
		expect(tally.loaded).toBe(true);
		expect(tally.rows).toEqual([row(2)]);

		tally.refresh();
		tally.refresh();
		tally.refresh();
		await vi.advanceTimersByTimeAsync(500);
		expect(client.calls).toBe(2);
		await vi.advanceTimersByTimeAsync(15_000);
		expect(client.calls).toBe(3);
		stop();
	});

	it('tells a failed fetch in a toast and keeps the last rows', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		client.answer = { data: [row(2)], error: null };
		const stop = tally.start();
		await vi.advanceTimersByTimeAsync(0);
		client.answer = { data: null, error: { message: 'JWT expired' } };
		await vi.advanceTimersByTimeAsync(15_000);
		await vi.advanceTimersByTimeAsync(10);
		expect(client.calls).toBe(2);
		expect(toasts.items).toMatchObject([{ detail: 'JWT expired' }]);
		expect(tally.rows).toEqual([row(2)]);
		stop();
	});

	it('leaves no timer behind, ignores an answer that comes after the teardown, and starts only once', async () => {
		const stop = tally.start();
		expect(() => tally.start()).toThrow(/already started/);
		tally.refresh();
		stop();
		expect(vi.getTimerCount()).toBe(0);
		client.answer = { data: [row(9)], error: null };
		tally.refresh(0);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(client.calls).toBe(0);
		expect(tally.rows).toEqual([]);
	});
});
