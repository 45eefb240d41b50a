// The entrance kiosk (/kiosk), outside the app shell: a kiosk account signed
// in once, its site's name, zone and language from kiosk_site() (a kiosk
// reads no table). Anyone else is told the page is not theirs.
import { fetchKioskSite, type KioskSite } from '$lib/data/punches';
import { listMyMemberships } from '$lib/data/memberships';
import { errorText } from '$lib/errors';
import { followSiteLocale } from '$lib/i18n/locale-choice';
import type { AppRole } from '$lib/shell/nav';
import { getSupabase, type AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type KioskSetup =
	| { state: 'unavailable'; message: string }
	| { state: 'signed-out' }
	| { state: 'not-kiosk'; role: AppRole | null; siteName: string }
	| { state: 'ready'; client: AppSupabaseClient; site: KioskSite };

const setup = (kiosk: KioskSetup) => ({ kiosk });

export const load = (async ({ parent }) => {
	const { config, configError } = await parent();
	if (!config) return setup({ state: 'unavailable', message: configError ?? '' });
	const client = getSupabase(config);
	try {
		const { data, error } = await client.auth.getSession();
		if (error) throw error;
		if (!data.session) return setup({ state: 'signed-out' });
		const memberships = await listMyMemberships(client, data.session.user.id);
		const kiosk = memberships.find((m) => m.role === 'kiosk');
		if (!kiosk) {
			const other = memberships[0];
			return setup({ state: 'not-kiosk', role: other?.role ?? null, siteName: other?.siteName ?? '' });
		}
		const site = await fetchKioskSite(client);
		followSiteLocale(site.locale);
		return setup({ state: 'ready', client, site });
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
