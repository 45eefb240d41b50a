// A single-page app: nothing renders on a server, nothing is prerendered.
// The root load reads the runtime config every page needs.
import { ConfigError, loadRuntimeConfig } from '$lib/config';
import type { LayoutLoad } from './$types';

export const ssr = false;
export const prerender = false;

export const load = (async ({ fetch }) => {
	try {
		return { config: await loadRuntimeConfig(fetch), configError: null };
	} catch (err) {
		const message = err instanceof ConfigError ? err.message : String(err);
		return { config: null, configError: message };
	}
}) satisfies LayoutLoad;
