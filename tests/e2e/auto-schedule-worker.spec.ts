// The auto-schedule Web Worker in Chromium, as Vite bundles it: a page that
// imports only auto-schedule-client.ts is built with Vite into a temporary
// folder (the worker, its chunk and HiGHS's .wasm emitted as in the app's
// build) and served by the single-box server's own static handler, with the
// app's Content-Security-Policy. The worker must compile the WebAssembly
// (allowed by 'wasm-unsafe-eval' alone), report progress, solve a small week
// exactly, pass a RangeError back, and stop at once when cancelled. The app's
// pages that generate schedules are covered by their own tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { build } from 'vite';
import { createStaticHandler } from '../../server/http/static.ts';
import type { ScheduleInput } from '../../src/lib/staffing/schedule-model-types.ts';
import { listen, type Listening } from '../support/listen.ts';

const CLIENT = path.resolve('src/lib/staffing/auto-schedule-client.ts');
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];

let dir: string;
let site: Listening;

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dir = mkdtempSync(path.join(os.tmpdir(), 'callboard-solver-page-'));
	writeFileSync(
		path.join(dir, 'index.html'),
		'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>solver</title>' +
			'<script type="module" src="./entry.ts"></script></head><body><p>solver</p></body></html>'
	);
	writeFileSync(
		path.join(dir, 'entry.ts'),
		`import { startAutoSchedule } from ${JSON.stringify(CLIENT)};\nObject.assign(globalThis, { startAutoSchedule });\n`
	);
	await build({ root: dir, configFile: false, logLevel: 'error', build: { outDir: path.join(dir, 'dist') } });
	const handler = createStaticHandler(path.join(dir, 'dist'));
	site = await listen(createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x').pathname)));
});
test.afterAll(async () => {
	await site?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One agent needed 9:00–17:00 on weekdays; Bo is on leave Monday and Tuesday. */
function smallWeek(): ScheduleInput {
	const need = Array.from({ length: 672 }, (_, k) => {
		const minute = (k % 96) * 15;
		return Math.floor(k / 96) < 5 && minute >= 540 && minute < 1020 ? 1 : 0;
	});
	return {
		days: DAYS,
		agents: [
			{ id: 'ana', skills: ['sales'] },
			{ id: 'bo', skills: ['sales'], leave: [DAYS[0] ?? '', DAYS[1] ?? ''] }
		],
		templates: [{ id: 'day', startMinute: 540, endMinute: 1020, paidMinutes: 480, queueIds: ['sales'] }],
		requirements: [{ queueId: 'sales', agents: need }],
		rules: { minRestDaysPerWeek: 2, maxDayPaidMinutes: 480, maxWeekPaidMinutes: 2400, minMinutesBetweenShifts: 660 }
	};
}

/** 200 agents and four overlapping templates: seconds of work, long enough to cancel. */
function bigWeek(): ScheduleInput {
	const t = (id: string, start: number) => ({
		id,
		startMinute: start,
		endMinute: start + 480,
		paidMinutes: 480,
		queueIds: ['q']
	});
	return {
		...smallWeek(),
		agents: Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, skills: ['q'] })),
		templates: [t('e', 420), t('d', 540), t('m', 660), t('l', 780)],
		requirements: [
			{
				queueId: 'q',
				agents: Array.from(
					{ length: 672 },
					(_, k) => Math.round(100 + 60 * Math.sin(k / 9)) * Number(k % 96 >= 28 && k % 96 < 84)
				)
			}
		]
	};
}

async function openPage(page: Page, problems: string[]): Promise<void> {
	page.on('console', (message) => {
		if (/Content Security Policy|CSP/i.test(message.text())) problems.push(message.text());
	});
	page.on('pageerror', (error) => problems.push(error.message));
	await page.goto(site.url);
	await page.waitForFunction(() => 'startAutoSchedule' in globalThis);
}

test('solves a week in the worker, under the app policy, with progress', async ({ page }) => {
	const problems: string[] = [];
	const workerResponse = page.waitForResponse((response) => /auto-schedule\.worker-.*\.js$/.test(response.url()));
	const wasmResponse = page.waitForResponse((response) => response.url().endsWith('.wasm'));
	await openPage(page, problems);
	const { result, progress } = await page.evaluate(async (input) => {
		const progress: unknown[] = [];
		const run = startAutoSchedule(input, { timeLimitSeconds: 20, onProgress: (p) => progress.push(p) });
		return { result: await run.result, progress };
	}, smallWeek());
	expect(result.status).toBe('optimal');
	expect(result.gap).toBe(0);
	expect(result.underCoverage.agentIntervals).toBe(0);
	expect(result.overCoverage.agentIntervals).toBe(0);
	const shifts = result.assignments.filter((a) => a.templateId !== null);
	expect(shifts.map((a) => a.day).sort()).toEqual(DAYS.slice(0, 5));
	expect(shifts.filter((a) => a.agentId === 'bo').map((a) => a.day)).not.toContain(DAYS[0]);
	expect(Array.isArray(progress)).toBe(true);

	const policy = (await workerResponse).headers()['content-security-policy'] ?? '';
	expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;| )/);
	expect(policy).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
	expect((await wasmResponse).headers()['content-type']).toBe('application/wasm');
	expect(problems).toEqual([]);
});

test('passes a RangeError back for input the model refuses', async ({ page }) => {
	await openPage(page, []);
	const error = await page.evaluate(async (input) => {
		try {
			await startAutoSchedule({ ...input, days: input.days.slice(1) }).result;
			return null;
		} catch (e) {
			return e instanceof Error ? { name: e.name, message: e.message } : { name: 'unknown', message: String(e) };
		}
	}, smallWeek());
	expect(error).toEqual({ name: 'RangeError', message: expect.stringMatching(/^days/) as unknown as string });
});

test('cancel stops a long solve at once and settles as cancelled', async ({ page }) => {
	await openPage(page, []);
	const outcome = await page.evaluate(
		(input) =>
			new Promise<{ status: string; afterCancel: number; progressSeen: boolean }>((resolve) => {
				let cancelledAt = 0;
				const run = startAutoSchedule(input, {
					timeLimitSeconds: 60,
					onProgress: () => {
						if (cancelledAt > 0) return;
						cancelledAt = performance.now();
						run.cancel();
					}
				});
				void run.result.then((result) =>
					resolve({
						status: result.status,
						afterCancel: performance.now() - cancelledAt,
						progressSeen: cancelledAt > 0
					})
				);
			}),
		bigWeek()
	);
	expect(outcome.progressSeen).toBe(true);
	expect(outcome.status).toBe('cancelled');
	expect(outcome.afterCancel).toBeLessThan(100);
});

declare global {
	var startAutoSchedule: typeof import('../../src/lib/staffing/auto-schedule-client.ts').startAutoSchedule;
}
