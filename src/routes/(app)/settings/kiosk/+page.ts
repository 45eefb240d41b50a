// Kiosk PINs (/settings/kiosk): the site's agents, whether each has a PIN
// for the entrance kiosk and whether a number is locked after wrong PINs,
// for the supervisors, managers and admins who reset a forgotten PIN
// (public.set_agent_pin refuses anyone else). Never a PIN.
import { fetchPinStatuses, type AgentPinRow } from '$lib/data/punches';
import { errorText } from '$lib/errors';
import { sessionOf, type ShellSession } from '$lib/shell/session';
import type { AppSupabaseClient } from '$lib/supabase';
import type { PageLoad } from './$types';

export type KioskPinsSetup =
	| { state: 'none' }
	| { state: 'not-allowed'; session: ShellSession }
	| { state: 'unavailable'; message: string }
	| { state: 'ready'; client: AppSupabaseClient; siteId: string; timeZone: string; agents: AgentPinRow[] };

const setup = (page: KioskPinsSetup) => ({ page });

export const load = (async ({ parent }) => {
	const session = sessionOf((await parent()).shell);
	if (!session) return setup({ state: 'none' });
	const { client, current } = session;
	if (!['supervisor', 'manager', 'admin'].includes(current.role)) return setup({ state: 'not-allowed', session });
	try {
		const agents = await fetchPinStatuses(client, current.siteId);
		return setup({ state: 'ready', client, siteId: current.siteId, timeZone: current.timeZone, agents });
	} catch (err) {
		return setup({ state: 'unavailable', message: errorText(err) });
	}
}) satisfies PageLoad;
