import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
	it('has defaults for a plain `npm start`', () => {
		expect(readEnv({})).toEqual({
			port: 8080,
			host: '0.0.0.0',
			dataDir: path.resolve('.callboard'),
			databaseUrl: undefined,
			seed: true,
			skipBuild: false,
			simulate: true,
			simSpeed: 1
		});
	});

	it('reads the documented variables', () => {
		const env = readEnv({
			PORT: '4173',
			CALLBOARD_DATA: '/tmp/x',
			DATABASE_URL: 'postgres://u@h/db',
			CALLBOARD_SEED: '0',
			CALLBOARD_SIMULATE: '0',
			CALLBOARD_SIM_SPEED: '60'
		});
		expect(env).toMatchObject({
			port: 4173,
			dataDir: '/tmp/x',
			databaseUrl: 'postgres://u@h/db',
			seed: false,
			simulate: false,
			simSpeed: 60
		});
	});

	it('names every bad variable in one message', () => {
		expect(() => readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(
			/Invalid environment: PORT: .*; DATABASE_URL: must be a postgres:\/\/ URL/
		);
	});
});
