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
			simSpeed: 1,
			historyWeeks: 8,
			publicUrl: undefined,
			trustedProxies: [],
			statementTimeoutMs: undefined,
			maxRows: 1000
		});
	});

	it('reads the documented variables', () => {
		const env = readEnv({
			PORT: '4173',
			CALLBOARD_DATA: '/tmp/x',
			DATABASE_URL: 'postgres://u@h/db',
			CALLBOARD_SEED: '0',
			CALLBOARD_SIMULATE: '0',
			CALLBOARD_SIM_SPEED: '60',
			PUBLIC_URL: 'https://callboard.example.com/',
			CALLBOARD_TRUSTED_PROXIES: '127.0.0.1,::1',
			CALLBOARD_STATEMENT_TIMEOUT: '1500ms',
			CALLBOARD_MAX_ROWS: '250'
		});
		expect(env).toMatchObject({
			port: 4173,
			dataDir: '/tmp/x',
			databaseUrl: 'postgres://u@h/db',
			seed: false,
			simulate: false,
			simSpeed: 60,
			publicUrl: 'https://callboard.example.com',
			trustedProxies: ['127.0.0.1', '::1'],
			statementTimeoutMs: 1500,
			maxRows: 250
		});
	});

	it('backfills eight weeks of history for the demo floor, none without the simulator unless asked', () => {
		expect(readEnv({ CALLBOARD_SIMULATE: '0' }).historyWeeks).toBe(0);
		expect(readEnv({ CALLBOARD_SEED: '0' }).historyWeeks).toBe(0);
		expect(readEnv({ CALLBOARD_SIMULATE: '0', CALLBOARD_HISTORY_WEEKS: '7' }).historyWeeks).toBe(7);
		expect(readEnv({ CALLBOARD_HISTORY_WEEKS: '0' }).historyWeeks).toBe(0);
		expect(() => readEnv({ CALLBOARD_HISTORY_WEEKS: '1.5' })).toThrow(/CALLBOARD_HISTORY_WEEKS/);
		expect(() => readEnv({ CALLBOARD_HISTORY_WEEKS: '53' })).toThrow(/CALLBOARD_HISTORY_WEEKS/);
	});

	it('reads deadlines the way PostgreSQL spells statement_timeout', () => {
		const deadline = (value: string) => readEnv({ CALLBOARD_STATEMENT_TIMEOUT: value }).statementTimeoutMs;
		expect(deadline('8s')).toBe(8000);
		expect(deadline('2min')).toBe(120_000);
		expect(deadline('250')).toBe(250);
	});

	it('refuses a deadline of zero or nonsense, and a row cap below one', () => {
		expect(() => readEnv({ CALLBOARD_STATEMENT_TIMEOUT: '0' })).toThrow(
			/CALLBOARD_STATEMENT_TIMEOUT: must be a duration above zero/
		);
		expect(() => readEnv({ CALLBOARD_STATEMENT_TIMEOUT: 'soon' })).toThrow(/CALLBOARD_STATEMENT_TIMEOUT/);
		expect(() => readEnv({ CALLBOARD_MAX_ROWS: '0' })).toThrow(/CALLBOARD_MAX_ROWS/);
	});

	it('names every bad variable in one message', () => {
		expect(() => readEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(
			/Invalid environment: PORT: .*; DATABASE_URL: must be a postgres:\/\/ URL/
		);
		expect(() =>
			readEnv({ PUBLIC_URL: 'https://x.example/callboard', CALLBOARD_TRUSTED_PROXIES: '10.0.0.1, proxy' })
		).toThrow(
			'Invalid environment: PUBLIC_URL: must be an origin only (scheme, host and port), without a path, query or fragment; CALLBOARD_TRUSTED_PROXIES: "proxy" is not an IP address'
		);
	});
});
