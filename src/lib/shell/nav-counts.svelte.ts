// The navigation's badges as shared state: the top bar follows a session
// (site and role) and refreshes on each page change and every minute; a page
// that changes what waits (a request decided) calls refresh() at once.
import type { AppSupabaseClient } from '$lib/supabase';
import type { AppRole } from './nav';
import { fetchNavCounts, type NavCountMap } from './nav-counts';

interface Source {
	client: AppSupabaseClient;
	siteId: string;
	role: AppRole;
}

/** How often the badges are asked again while a page stays open. */
const REFRESH_MS = 60_000;

class NavCounts {
	current = $state.raw<NavCountMap>({});
	#source: Source | null = null;
	#asked = 0;

	/** Follows a session until the returned function is called (the top bar's effect). */
	follow(source: Source): () => void {
		this.#source = source;
		void this.refresh();
		const timer = setInterval(() => void this.refresh(), REFRESH_MS);
		return () => {
			clearInterval(timer);
			if (this.#source === source) this.#source = null;
		};
	}

	async refresh(): Promise<void> {
		const source = this.#source;
		if (!source) return;
		const asked = ++this.#asked;
		try {
			const counts = await fetchNavCounts(source.client, source.siteId, source.role);
			// An older answer arriving late must not overwrite a newer one.
			if (asked === this.#asked && this.#source === source) this.current = counts;
		} catch (err) {
			// A badge is a hint, not the page: keep the last numbers and say why in
			// the console rather than toasting every minute while the network is down.
			console.warn('navigation counts:', err);
		}
	}
}

export const navCounts = new NavCounts();
