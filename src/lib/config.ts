// The runtime configuration the server hands the app at /config.json: which
// Supabase API to talk to (the single box itself, or a Supabase project) and
// its public anon key. Read at run time so one build runs anywhere.
import * as z from 'zod/mini';
import { errorText } from './errors';

export const RuntimeConfigSchema = z.object({
	supabaseUrl: z.url(),
	supabaseAnonKey: z.string().check(z.minLength(20))
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** Validates what /config.json said; the message names every bad field. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
	const parsed = RuntimeConfigSchema.safeParse(value);
	if (!parsed.success) {
		const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
		throw new ConfigError(`config.json is not valid: ${fields.join('; ')}`);
	}
	return parsed.data;
}

export async function loadRuntimeConfig(fetcher: typeof fetch = fetch): Promise<RuntimeConfig> {
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
	return parseRuntimeConfig(body);
}
