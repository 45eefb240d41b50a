// The numbers the navigation shows beside a page: items waiting for the
// signed-in person (requests to approve, appeals to answer; swaps to answer
// on My day, whose page links My swaps, and swaps to decide on Schedules). A
// page's badge is the sum of its counters; a role is only asked about the
// pages it is offered (navFor). Each counter is one RPC that counts in SQL.
import { countWaitingAppeals } from '$lib/data/attendance-day';
import { fetchWaitingCount } from '$lib/data/attendance-requests';
import { countWaitingSwaps } from '$lib/data/swaps';
import type { AppSupabaseClient } from '$lib/supabase';
import { navFor, type AppRole, type NavId } from './nav';

export type NavCounter = (client: AppSupabaseClient, siteId: string) => Promise<number>;

/** The counters per page. Add a counter to a page's list to add it to the badge. */
export const NAV_COUNTERS: Partial<Record<NavId, readonly NavCounter[]>> = {
	attendance: [fetchWaitingCount, countWaitingAppeals],
	'my-day': [countWaitingSwaps],
	schedules: [countWaitingSwaps]
};

export type NavCountMap = Partial<Record<NavId, number>>;

/** Every badge a role sees at a site (pages with nothing waiting are left out). */
export async function fetchNavCounts(client: AppSupabaseClient, siteId: string, role: AppRole): Promise<NavCountMap> {
	const pages = navFor(role)
		.map((item) => item.id)
		.filter((id) => NAV_COUNTERS[id]);
	const sums = await Promise.all(
		pages.map(async (id) => {
			const counts = await Promise.all((NAV_COUNTERS[id] ?? []).map((count) => count(client, siteId)));
			return [id, counts.reduce((a, b) => a + b, 0)] as const;
		})
	);
	return Object.fromEntries(sums.filter(([, n]) => n > 0));
}
