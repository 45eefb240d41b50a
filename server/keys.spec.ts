import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from './keys.ts';

const dirs: string[] = [];
const tempDir = () => {
	const d = mkdtempSync(path.join(os.tmpdir(), 'callboard-keys-'));
	dirs.push(d);
	return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function claims(jwt: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

describe('loadOrCreateKeys', () => {
	it('makes a private keys.json once and reuses it', async () => {
		const dir = tempDir();
		const first = await loadOrCreateKeys(dir);
		expect(statSync(path.join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
		expect(await loadOrCreateKeys(dir)).toEqual(first);
	});

	it('signs anon and service-role keys with the installation secret', async () => {
		const keys = await loadOrCreateKeys(tempDir());
		expect(claims(keys.anon_key).role).toBe('anon');
		expect(claims(keys.service_role_key).role).toBe('service_role');
		const [h, b, sig] = keys.anon_key.split('.');
		expect(createHmac('sha256', keys.jwt_secret).update(`${h}.${b}`).digest('base64url')).toBe(sig);
	});

	it('gives every installation its own secret', async () => {
		expect((await loadOrCreateKeys(tempDir())).jwt_secret).not.toBe((await loadOrCreateKeys(tempDir())).jwt_secret);
	});

	it('refuses a damaged keys file instead of silently replacing it', async () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'keys.json'), '{"jwt_secret": "short"}');
		await expect(loadOrCreateKeys(dir)).rejects.toThrow(/keys\.json is damaged/);
	});
});
