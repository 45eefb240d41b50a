// Home: asks the API whether it is there, so the page can say so plainly.
import { probeApi } from '$lib/api-status';
import type { PageLoad } from './$types';

export const load = (async ({ parent, fetch }) => {
	const { config } = await parent();
	return { api: config ? await probeApi(config, fetch) : ('unavailable' as const) };
}) satisfies PageLoad;
