// The SPA's page routes as read from the app's own src/routes: the shapes
// SvelteKit gives folder names, checked against paths a person would type.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSpaRoute, readSpaRoutes, type SpaRoutes } from './spa-routes.ts';

let routes: SpaRoutes;

beforeAll(async () => {
	const read = await readSpaRoutes(path.resolve(import.meta.dirname, '../../src/routes'));
	if (!read) throw new Error('src/routes could not be read');
	routes = read;
});

describe('SPA routes', () => {
	it('knows the pages, with (groups) adding no segment and trailing slashes ignored', () => {
		for (const p of ['/', '/login', '/today', '/me', '/me/', '/settings/attendance', '/wall/queue/q1', '/kiosk']) {
			expect(isSpaRoute(routes, p), p).toBe(true);
		}
	});

	it('takes an optional segment with or without it, and a parameter only with it', () => {
		expect(isSpaRoute(routes, '/me/attendance')).toBe(true);
		expect(isSpaRoute(routes, '/me/attendance/2026-11')).toBe(true);
		expect(isSpaRoute(routes, '/me/attendance/day/2026-11-03')).toBe(true);
		expect(isSpaRoute(routes, '/schedules/forecast/q1/2026-12-07')).toBe(true);
		expect(isSpaRoute(routes, '/wall/queue')).toBe(false);
		expect(isSpaRoute(routes, '/schedules/t1/2026-12-07/print')).toBe(true);
	});

	it('refuses unknown paths, extra segments and group names typed as paths', () => {
		for (const p of ['/no/such/page', '/login/extra', '/(app)/today', '/me/attendance/2026-11/extra', '/%E0%A4%A']) {
			expect(isSpaRoute(routes, p), p).toBe(false);
		}
	});

	it('reads nothing from a folder that is not there', async () => {
		expect(await readSpaRoutes('/nonexistent/routes')).toBeUndefined();
	});
});
