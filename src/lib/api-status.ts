// Whether the Supabase API behind the app answers. GoTrue's /auth/v1/health
// answers 200 on a working server; anything else means not (yet) available.
export type ApiStatus = 'available' | 'unavailable';

export async function probeApi(supabaseUrl: string, fetcher: typeof fetch = fetch): Promise<ApiStatus> {
	try {
		const response = await fetcher(new URL('/auth/v1/health', supabaseUrl), { cache: 'no-store' });
		return response.ok ? 'available' : 'unavailable';
	} catch {
		return 'unavailable';
	}
}
