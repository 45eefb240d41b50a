// An outbound caller's /me (issue 13, "My day"): time from navigation to the
// first figure of their own stats on a phone, in Debian's Chromium against
// the real single-box server with the call simulator and the outbound desk
// at 60× on a few weeks of demo history, so the month's figures, trend and
// statement have rows to read. Goal < 1 s. Baseline, measured the same way
// in the same run on the same server: the wall's first live numbers
// (bench/wall.ts: /wall signed in as the display until a tile shows
// "offered" and the link is live).
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { ensureBuild } from '../server/build.ts';
import { HISTORY_NOTE } from '../server/feeders/simulator/demo-history.ts';
import { DEMO_PASSWORD, demoAgent, STAFF } from '../tests/support/demo.ts';
import { freePort } from '../tests/support/free-port.ts';
import { startSingleBox } from '../tests/support/single-box-process.ts';
import { median, ms, type Row } from './support/stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_MS = 1_000;
/** agent31: the first of the demo's outbound callers. */
const CALLER = demoAgent(31);
// The first figure of My day's figures card: today's connected calls
// against the daily target (callers), else the figures table's first cell.
const FIRST_FIGURE =
	'[data-testid="myday-target-today-value"], [data-testid="myday-figures-table"] td[data-testid^="myday-"]';

async function signedIn(
	browser: Browser,
	url: string,
	email: string,
	viewport: { width: number; height: number }
): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport, locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto(`${url}/login`);
	await page.getByTestId('login-email').fill(email);
	await page.getByTestId('login-password').fill(DEMO_PASSWORD);
	await page.getByTestId('login-submit').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await page.close();
	return context;
}

/** Navigation to the wall's first live numbers (as bench/wall.ts), in ms. */
async function wallLoad(context: BrowserContext, url: string): Promise<number> {
	const page = await context.newPage();
	await page.goto(`${url}/wall`);
	await page.waitForFunction(
		() =>
			document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'live' &&
			document.querySelector('[data-testid^="tile-"] [data-testid="metric-offered"] [data-testid="value"]') !== null,
		undefined,
		{ timeout: 30_000, polling: 'raf' }
	);
	const at = await page.evaluate(() => performance.now());
	await page.close();
	return at;
}

/** Navigation to /me's first figure, and to its live dot joined, in ms. */
async function meLoad(context: BrowserContext, url: string): Promise<{ figure: number; live: number }> {
	const page = await context.newPage();
	await page.goto(`${url}/me`);
	await page.waitForFunction((selector) => document.querySelector(selector) !== null, FIRST_FIGURE, {
		timeout: 30_000,
		polling: 'raf'
	});
	const figure = await page.evaluate(() => performance.now());
	await page.waitForSelector('[data-testid="myday-live"][data-live="joined"]', { timeout: 30_000 });
	const live = await page.evaluate(() => performance.now());
	await page.close();
	return { figure, live };
}

async function historyDone(dataDir: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!existsSync(path.join(dataDir, HISTORY_NOTE))) {
		if (Date.now() > deadline) throw new Error(`no demo history after ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

export async function benchMeFirstNumbers({ quick }: { quick: boolean }): Promise<Row[]> {
	await ensureBuild(root, (line) => console.log(`[me bench] ${line}`));
	const loads = quick ? 5 : 10;
	const weeks = quick ? 1 : 5;
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-bench-me-'));
	const server = await startSingleBox({
		dataDir,
		port: await freePort(),
		env: { CALLBOARD_SIMULATE: '1', CALLBOARD_SIM_SPEED: '60', CALLBOARD_HISTORY_WEEKS: String(weeks) }
	});
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-timer-throttling']
	});
	try {
		await historyDone(dataDir, 900_000);
		const wall = await signedIn(browser, server.url, STAFF.display.email, { width: 1920, height: 1080 });
		const me = await signedIn(browser, server.url, CALLER.email, { width: 390, height: 844 });
		// One load of each first: the browser's cache and the server's plans warm, as for a returning agent.
		await wallLoad(wall, server.url);
		await meLoad(me, server.url);
		const wallSamples: number[] = [];
		const figureSamples: number[] = [];
		const liveSamples: number[] = [];
		// Interleaved, so both see the same load on the machine.
		for (let i = 0; i < loads; i++) {
			wallSamples.push(await wallLoad(wall, server.url));
			const { figure, live } = await meLoad(me, server.url);
			figureSamples.push(figure);
			liveSamples.push(live);
		}
		const mid = median(figureSamples);
		const base = median(wallSamples);
		return [
			{
				benchmark: `/me first stats figure, outbound caller on a phone (median of ${loads}, ${weeks} week${weeks === 1 ? '' : 's'} of demo history, simulator at 60×)`,
				figure:
					`${ms(mid)} (min ${ms(Math.min(...figureSamples))}, max ${ms(Math.max(...figureSamples))}; live link joined ${ms(median(liveSamples))}); ` +
					`baseline the wall's first live numbers ${ms(base)} (×${(mid / base).toFixed(2)})`,
				goal: `< ${GOAL_MS} ms`,
				met: mid < GOAL_MS
			}
		];
	} finally {
		await browser.close();
		await server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
