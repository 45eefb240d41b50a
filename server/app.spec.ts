// The public URL comes from configuration, never from the request: what
// /config.json tells the app and what the tokens name as their issuer, with
// a forged Host header, with PUBLIC_URL and without it; and the headers on
// the API's answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, STAFF } from '../tests/support/demo.ts';
import { rawRequest } from '../tests/support/raw-request.ts';
import { openTestDatabase, type TestDatabase } from '../tests/support/test-database.ts';
import { startApp, type RunningApp } from './app.ts';
import { makeKeys } from './keys.ts';

const keys = makeKeys();
let database: TestDatabase;
const apps: RunningApp[] = [];

beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	for (const app of apps) await app.close();
	await database?.stop();
});

async function start(publicUrl?: string): Promise<RunningApp> {
	const app = await startApp({ db: database.db, keys, log: () => {}, port: 0, host: '127.0.0.1', publicUrl });
	apps.push(app);
	return app;
}

async function configFrom(app: RunningApp, host: string): Promise<unknown> {
	const response = await rawRequest(`${app.url}/config.json`, { headers: { host } });
	expect(response.status).toBe(200);
	return JSON.parse(response.body);
}

/** The `iss` claim of a token from a password sign-in sent with a forged Host. */
async function issuerFrom(app: RunningApp, host: string): Promise<unknown> {
	const response = await rawRequest(`${app.url}/auth/v1/token?grant_type=password`, {
		method: 'POST',
		headers: { host, apikey: keys.anon_key, 'content-type': 'application/json' },
		body: JSON.stringify({ email: STAFF.display.email, password: DEMO_PASSWORD })
	});
	expect(response.status).toBe(200);
	const { access_token } = JSON.parse(response.body) as { access_token: string };
	const claims = JSON.parse(Buffer.from(access_token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
		iss?: unknown;
	};
	return claims.iss;
}

describe('without PUBLIC_URL', () => {
	it('tells the app "this page\'s origin" and never echoes a forged Host', async () => {
		const app = await start();
		const config = await configFrom(app, 'evil.example');
		expect(config).toEqual({ supabaseUrl: '/', supabaseAnonKey: keys.anon_key });
		expect(JSON.stringify(config)).not.toContain('evil');
	});

	it('issues tokens in the name of the listen address', async () => {
		const app = await start();
		expect(app.publicUrl).toBe(app.url);
		expect(await issuerFrom(app, 'evil.example')).toBe(`${app.url}/auth/v1`);
	});
});

describe('with PUBLIC_URL', () => {
	it('gives exactly the configured URL to the app and to the tokens, whatever Host says', async () => {
		const app = await start('https://callboard.example.com');
		expect(await configFrom(app, 'evil.example')).toEqual({
			supabaseUrl: 'https://callboard.example.com',
			supabaseAnonKey: keys.anon_key
		});
		expect(await issuerFrom(app, 'evil.example')).toBe('https://callboard.example.com/auth/v1');
	});
});

describe('API answers', () => {
	it('carry headers that keep a browser from running, framing or sniffing them', async () => {
		const app = await start();
		for (const target of ['/config.json', '/rest/v1/queues', '/auth/v1/health', '/no-such-page']) {
			const { headers } = await rawRequest(`${app.url}${target}`, { headers: { apikey: keys.anon_key } });
			expect(headers['content-security-policy'], target).toBe("default-src 'none'; frame-ancestors 'none'");
			expect(headers['x-content-type-options'], target).toBe('nosniff');
			expect(headers['x-frame-options'], target).toBe('DENY');
		}
	});
});
