// Every wallboard: who is signed in, which site the screen shows (?site=, or
// the account's first), and that site's zone and language. A TV that boots
// before the server is up gets 'unavailable' and retries instead of an error page.
import { fetchSite, type SiteRow } from '$lib/data/wall';
import { listMyMemberships } from '$lib/data/memberships';
import { errorText } from '$lib/errors';
import { followSiteLocale } from '$lib/i18n/locale-choice';
import { getSupabase, type AppSupabaseClient } from '$lib/supabase';
import type { LayoutLoad } from './$types';

export type WallSetup =
	| { state: 'unavailable'; message: string }
	| { state: 'signed-out' }
	| { state: 'no-site' }
	| { state: 'ready'; client: AppSupabaseClient; site: SiteRow; email: string; isDisplay: boolean };

const setup = (wall: WallSetup) => ({ wall });

export const load = (async ({ parent, url }) => {
	const { config, configError } = await parent();
	if (!config) return setup({ state: 'unavailable', message: configError ?? '' });
	const client = getSupabase(config);
	try {
		const { data, error } = await client.auth.getSession();
		if (error) throw error;
		if (!data.session) return setup({ state: 'signed-out' });
		// A kiosk account reads no board (RLS): to the wall it belongs to no site.
		const memberships = (await listMyMemberships(client, data.session.user.id)).filter((m) => m.role !== 'kiosk');
		const wanted = url.searchParams.get('site');
		const membership = memberships.find((m) => m.siteId === wanted) ?? memberships[0];
		if (!membership) return setup({ state: 'no-site' });
		const site = await fetchSite(client, membership.siteId);
		// Before the board renders: its words follow the site unless the user chose a language.
		followSiteLocale(site.locale);
		// Only a site's TVs announce themselves on the settings page (RLS refuses anyone else's presence).
		const isDisplay = membership.role === 'display';
		return setup({ state: 'ready', client, site, email: data.session.user.email ?? '', isDisplay });
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies LayoutLoad;
