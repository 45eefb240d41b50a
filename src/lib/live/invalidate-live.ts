// A live change reads the page's data again through invalidate(). SvelteKit
// lets the newest of a navigation and an invalidation win: one started while
// a tap is still loading the next page cancels that navigation, and the
// person stays where they were (on a busy floor an agent's figures change
// every few seconds, so taps on My day were lost). A change heard while a
// navigation runs is therefore skipped: the page being left has no use for
// it, and the page being loaded reads current data anyway.
import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

export async function invalidateLive(dependency: string): Promise<void> {
	if (navigating.to) return;
	await invalidate(dependency);
}
