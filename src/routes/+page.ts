// Home: a signed-in member goes straight to their role's first page (a wall
// display to its board); everyone else sees whether the API answers and the
// sign-in link.
import { redirect } from '@sveltejs/kit';
import { probeApi } from '$lib/api-status';
import { homeHref } from '$lib/shell/nav';
import { loadShell } from '$lib/shell/session';
import type { PageLoad } from './$types';

export const load = (async ({ parent, fetch, url }) => {
	const { config, configError } = await parent();
	if (!config) return { api: 'unavailable' as const };
	const shell = await loadShell(config, configError, url);
	if (shell.state === 'ready') redirect(307, homeHref(shell.session.current.role));
	return { api: await probeApi(config, fetch) };
}) satisfies PageLoad;
