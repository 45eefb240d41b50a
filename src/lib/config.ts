// The runtime configuration the server hands the app at /config.json: which
// Supabase API to talk to (the single box itself, or a Supabase project) and
// its public anon key. Read at run time so one build runs anywhere.
//
// `supabaseUrl` is an absolute http(s) URL, or "/" for "the origin this page
// was loaded from": the single box says so when no PUBLIC_URL is configured,
// so a TV that reaches it as http://192.168.1.5:8080 talks to exactly that,
// without the server having to trust the Host header it was sent.
import * as z from 'zod/mini';
import { errorText } from './errors';

/** What config.json says for "the API is on this page's origin". */
export const SAME_ORIGIN = '/';

const FileSchema = z.object({
	supabaseUrl: z.union([z.literal(SAME_ORIGIN), z.url({ protocol: /^https?$/ })]),
	supabaseAnonKey: z.string().check(z.minLength(20))
});

export interface RuntimeConfig {
	/** The API's absolute URL, without a trailing slash. */
	supabaseUrl: string;
	supabaseAnonKey: string;
}

export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** The page's origin in a browser; undefined elsewhere (tests pass one). */
function browserOrigin(): string | undefined {
	return typeof location === 'undefined' ? undefined : location.origin;
}

/** Validates what /config.json said; the message names every bad field. */
export function parseRuntimeConfig(value: unknown, pageOrigin = browserOrigin()): RuntimeConfig {
	const parsed = FileSchema.safeParse(value);
	if (!parsed.success) {
		const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
		throw new ConfigError(`config.json is not valid: ${fields.join('; ')}`);
	}
	const { supabaseUrl, supabaseAnonKey } = parsed.data;
	if (supabaseUrl !== SAME_ORIGIN) return { supabaseUrl: supabaseUrl.replace(/\/+$/, ''), supabaseAnonKey };
	if (pageOrigin === undefined) {
		throw new ConfigError('config.json says the API is on this page’s origin, but there is no page origin here');
	}
	return { supabaseUrl: pageOrigin, supabaseAnonKey };
}

export async function loadRuntimeConfig(
	fetcher: typeof fetch = fetch,
	pageOrigin = browserOrigin()
): Promise<RuntimeConfig> {
	let response: Response;
	try {
		response = await fetcher('/config.json', { cache: 'no-store' });
	} catch (err) {
		throw new ConfigError(`config.json could not be fetched: ${errorText(err)}`);
	}
	if (!response.ok) throw new ConfigError(`config.json answered HTTP ${response.status}`);
	let body: unknown;
	try {
		body = await response.json();
	} catch {
		throw new ConfigError('config.json is not JSON');
	}
	return parseRuntimeConfig(body, pageOrigin);
}
