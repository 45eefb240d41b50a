// Every wallboard: who is signed in, which site the screen shows (?site=, or
// the account's first), and that site's zone and language. A TV that boots
// before the server is up gets 'unavailable' and retries instead of an error page.
import { fetchSite, type SiteRow } from '$lib/data/wall';
import { listMyMemberships } from '$lib/data/memberships';
import { getLocale, isLocale, localStorageKey, setLocale } from '$lib/paraglide/runtime';
import { getSupabase, type AppSupabaseClient } from '$lib/supabase';
import type { LayoutLoad } from './$types';

export type WallSetup =
	| { state: 'unavailable'; message: string }
	| { state: 'signed-out' }
	| { state: 'no-site' }
	| { state: 'ready'; client: AppSupabaseClient; site: SiteRow; email: string };

/** The site's language unless this browser chose one. */
function applySiteLocale(locale: string): void {
	let chosen: string | null = null;
	try {
		chosen = localStorage.getItem(localStorageKey);
	} catch {
		// storage blocked: the browser language stays
	}
	if (chosen === null && isLocale(locale) && locale !== getLocale()) void setLocale(locale, { reload: false });
}

const setup = (wall: WallSetup) => ({ wall });

export const load = (async ({ parent, url }) => {
	const { config, configError } = await parent();
	if (!config) return setup({ state: 'unavailable', message: configError ?? '' });
	const client = getSupabase(config);
	try {
		const { data, error } = await client.auth.getSession();
		if (error) throw error;
		if (!data.session) return setup({ state: 'signed-out' });
		const memberships = await listMyMemberships(client, data.session.user.id);
		const wanted = url.searchParams.get('site');
		const membership = memberships.find((m) => m.siteId === wanted) ?? memberships[0];
		if (!membership) return setup({ state: 'no-site' });
		const site = await fetchSite(client, membership.siteId);
		applySiteLocale(site.locale);
		return setup({ state: 'ready', client, site, email: data.session.user.email ?? '' });
	} catch (err) {
		return setup({ state: 'unavailable', message: err instanceof Error ? err.message : String(err) });
	}
}) satisfies LayoutLoad;
