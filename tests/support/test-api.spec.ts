// The harness's own promises: SPEC_ENGINE picks the engine and refuses what
// it does not know, a module mount serves its modules only, restart() serves
// the same data on the same URL, and close() fails when a handler logged.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QUEUE, STAFF } from './demo.ts';
import { startTestApi, type TestApi } from './test-api.ts';
import { specEngine } from './test-database.ts';

describe('SPEC_ENGINE', () => {
	afterAll(() => {
		vi.unstubAllEnvs();
	});

	it('is PGlite when unset or empty, and either engine by name', () => {
		vi.stubEnv('SPEC_ENGINE', undefined);
		expect(specEngine()).toBe('pglite');
		vi.stubEnv('SPEC_ENGINE', '');
		expect(specEngine()).toBe('pglite');
		vi.stubEnv('SPEC_ENGINE', 'postgres');
		expect(specEngine()).toBe('postgres');
		vi.stubEnv('SPEC_ENGINE', 'pglite');
		expect(specEngine()).toBe('pglite');
	});

	it('refuses a name it does not know instead of quietly running on PGlite', () => {
		vi.stubEnv('SPEC_ENGINE', 'postgresql');
		expect(() => specEngine()).toThrow(
			'SPEC_ENGINE must be one of pglite, postgres (or unset for pglite), not "postgresql"'
		);
	});
});

describe('startTestApi', () => {
	let api: TestApi;
	beforeAll(async () => {
		api = await startTestApi({ modules: ['rest'] });
	});
	afterAll(async () => {
		await api?.close();
	});

	it('refuses a mount without modules', async () => {
		await expect(startTestApi({ modules: [], db: api.db })).rejects.toThrow('name at least one module');
	});

	it('serves the modules it mounts and nothing else', async () => {
		const queues = await api.as(STAFF.supervisor.userId).from('queues').select('id').eq('id', QUEUE.sales);
		expect(queues.data).toEqual([{ id: QUEUE.sales }]);
		expect((await api.authFetch('/settings')).status).toBe(404);
		expect((await fetch(`${api.url}/config.json`)).status).toBe(404);
	});

	it('restarts on the same URL over the same data', async () => {
		const url = api.url;
		const write = await api.service().from('queues').update({ sl_threshold_s: 21 }).eq('id', QUEUE.sales);
		expect(write.error).toBeNull();
		await api.restart();
		expect(api.url).toBe(url);
		const read = await api.service().from('queues').select('sl_threshold_s').eq('id', QUEUE.sales).single();
		expect(read.data).toEqual({ sl_threshold_s: 21 });
	});

	it('fails close() on what the handlers logged, unless the spec expects it', async () => {
		const quiet = await startTestApi({ modules: ['auth'], db: api.db });
		quiet.logs.push('auth: POST /token failed: boom');
		await expect(quiet.close()).rejects.toThrow('the API logged failures:\nauth: POST /token failed: boom');
		const noisy = await startTestApi({ modules: ['auth'], db: api.db, expectLogs: true });
		noisy.logs.push('realtime: ignored an invalid frame');
		await expect(noisy.close()).resolves.toBeUndefined();
	});
});
