// Every app page (not the wall, not sign-in) sits in the shell: the session
// is read once here and handed to the pages through their parent().
import { loadShell } from '$lib/shell/session';
import type { LayoutLoad } from './$types';

export const load = (async ({ parent, url }) => {
	const { config, configError } = await parent();
	return { shell: await loadShell(config, configError, url) };
}) satisfies LayoutLoad;
