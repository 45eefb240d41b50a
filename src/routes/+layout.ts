// A single-page app: nothing renders on a server, nothing is prerendered.
// The root load reads the runtime config every page needs.
import { loadRuntimeConfig } from '$lib/config';
import { errorText } from '$lib/errors';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

export const load = (async ({ fetch }) => {
	try {
		return { config: await loadRuntimeConfig(fetch), configError: null };
	} catch (err) {
		// The page says it in place (ConfigStatus), so no toast.
		return { config: null, configError: errorText(err) };
	}
}) satisfies LayoutLoad;
