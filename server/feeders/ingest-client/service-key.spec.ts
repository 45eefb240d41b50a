import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveServiceKey, SERVICE_KEY_ENV } from './service-key.ts';

describe('resolveServiceKey', () => {
	let dir: string;
	const fileKey = 'k'.repeat(40);
	const envKey = 'e'.repeat(40);

	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'service-key-'));
		await writeFile(path.join(dir, 'keys.json'), JSON.stringify({ service_role_key: fileKey, anon_key: 'x' }));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('takes --key first, then the environment, then keys.json', async () => {
		const env = { CALLBOARD_DATA: dir, [SERVICE_KEY_ENV]: envKey };
		expect(await resolveServiceKey('given-key-of-twenty-chars', env)).toBe('given-key-of-twenty-chars');
		expect(await resolveServiceKey(undefined, env)).toBe(envKey);
		expect(await resolveServiceKey(undefined, { CALLBOARD_DATA: dir, [SERVICE_KEY_ENV]: '' })).toBe(fileKey);
	});

	it('says what to do when there is no key anywhere, or a bad one', async () => {
		const empty = path.join(dir, 'nothing-here');
		await expect(resolveServiceKey(undefined, { CALLBOARD_DATA: empty })).rejects.toThrow(
			/no --key given, \$CALLBOARD_SERVICE_ROLE_KEY is not set and .*keys\.json cannot be read \(ENOENT\)/
		);
		await expect(resolveServiceKey(undefined, { [SERVICE_KEY_ENV]: 'short' })).rejects.toThrow(/too short/);
		const broken = await mkdtemp(path.join(tmpdir(), 'service-key-broken-'));
		try {
			await writeFile(path.join(broken, 'keys.json'), '{"anon_key": "x"}');
			await expect(resolveServiceKey(undefined, { CALLBOARD_DATA: broken })).rejects.toThrow(/has no service_role_key/);
			await writeFile(path.join(broken, 'keys.json'), 'not json');
			await expect(resolveServiceKey(undefined, { CALLBOARD_DATA: broken })).rejects.toThrow(/is not JSON/);
		} finally {
			await rm(broken, { recursive: true, force: true });
		}
	});
});
