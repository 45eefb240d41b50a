// Whether the Supabase API behind the app answers. GoTrue's /auth/v1/health
// answers 200 on a working server; the gateway in front of it (Supabase's, or
// the single box's) wants the anon key, as every API call does.
import type { RuntimeConfig } from './config';

export type ApiStatus = 'available' | 'unavailable';

export async function probeApi(config: RuntimeConfig, fetcher: typeof fetch = fetch): Promise<ApiStatus> {
	try {
		const response = await fetcher(new URL('/auth/v1/health', config.supabaseUrl), {
			cache: 'no-store',
			headers: { apikey: config.supabaseAnonKey }
		});
		return response.ok ? 'available' : 'unavailable';
	} catch {
		return 'unavailable';
	}
}
