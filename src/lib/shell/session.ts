// The signed-in session every app page starts from, read once by the app
// shell's layout: the client, who the user is, their memberships and the
// site the pages show. Pages take it from their parent instead of each
// repeating config → session → memberships.
import { listMyMemberships, type Membership } from '$lib/data/memberships';
import { errorText } from '$lib/errors';
import type { RuntimeConfig } from '$lib/config';
import { getSupabase, type AppSupabaseClient } from '$lib/supabase';

export interface ShellSession {
	client: AppSupabaseClient;
	userId: string;
	email: string;
	memberships: Membership[];
	/** The site the pages show: ?site=, else the one chosen last, else the first. */
	current: Membership;
}

export type Shell =
	| { state: 'unavailable'; message: string }
	| { state: 'signed-out' }
	| { state: 'no-membership'; email: string; client: AppSupabaseClient }
	| { state: 'ready'; session: ShellSession };

const SITE_KEY = 'callboard.site';

function rememberedSite(): string | null {
	try {
		return localStorage.getItem(SITE_KEY);
	} catch {
		return null; // storage refused (private mode): the first site it is
	}
}

function rememberSite(siteId: string): void {
	try {
		localStorage.setItem(SITE_KEY, siteId);
	} catch {
		// Not remembered; ?site= still works for this visit.
	}
}

export async function loadShell(config: RuntimeConfig | null, configError: string | null, url: URL): Promise<Shell> {
	if (!config) return { state: 'unavailable', message: configError ?? '' };
	const client = getSupabase(config);
	try {
		const { data, error } = await client.auth.getSession();
		if (error) throw error;
		if (!data.session) return { state: 'signed-out' };
		const user = data.session.user;
		const memberships = await listMyMemberships(client, user.id);
		const email = user.email ?? user.id;
		const asked = url.searchParams.get('site');
		const current =
			memberships.find((m) => m.siteId === asked) ??
			memberships.find((m) => m.siteId === rememberedSite()) ??
			memberships[0];
		if (!current) return { state: 'no-membership', email, client };
		if (asked === current.siteId) rememberSite(current.siteId);
		return { state: 'ready', session: { client, userId: user.id, email, memberships, current } };
	} catch (err) {
		return { state: 'unavailable', message: errorText(err) };
	}
}

/**
 * For a page's load: the session, or null when the shell has none (the
 * shell then shows why in place of the page, so the page shows nothing).
 */
export function sessionOf(shell: Shell): ShellSession | null {
	return shell.state === 'ready' ? shell.session : null;
}
