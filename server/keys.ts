// API keys for the single box: a random JWT secret made on first start and
// the anon and service-role keys signed with it, kept in the data folder
// (mode 0600). Never a well-known secret: every installation has its own.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const KeysSchema = z.object({
	jwt_secret: z.string().min(32),
	anon_key: z.string().min(20),
	service_role_key: z.string().min(20)
});
export type ApiKeys = z.infer<typeof KeysSchema>;

const TEN_YEARS_S = 10 * 365 * 24 * 3600;

function base64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

/** HS256 JWT, the format Supabase API keys have. */
export function signJwt(claims: Record<string, unknown>, secret: string): string {
	const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = base64url(JSON.stringify(claims));
	const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
	return `${header}.${body}.${signature}`;
}

export function makeKeys(now = Math.floor(Date.now() / 1000)): ApiKeys {
	const secret = randomBytes(48).toString('base64url');
	const apiKey = (role: 'anon' | 'service_role') =>
		signJwt({ iss: 'callboard', role, iat: now, exp: now + TEN_YEARS_S }, secret);
	return { jwt_secret: secret, anon_key: apiKey('anon'), service_role_key: apiKey('service_role') };
}

export async function loadOrCreateKeys(dataDir: string): Promise<ApiKeys> {
	const file = path.join(dataDir, 'keys.json');
	let text: string | undefined;
	try {
		text = await readFile(file, 'utf8');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
	}
	if (text !== undefined) {
		const parsed = KeysSchema.safeParse(JSON.parse(text));
		if (!parsed.success) throw new Error(`${file} is damaged: ${parsed.error.issues[0]?.message}`);
		return parsed.data;
	}
	const keys = makeKeys();
	await mkdir(dataDir, { recursive: true });
	await writeFile(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
	return keys;
}
