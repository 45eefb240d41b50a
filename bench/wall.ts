// Wallboard benchmarks (issue 5), in Debian's Chromium against the real
// single-box server with the call simulator at 60×:
//   1. JS shipped per wall route, gzip (goal ≤ 120 KB);
//   2. time from navigation to the first live numbers on the overview,
//      signed in (goal < 1.5 s on localhost);
//   3. soak: the overview open while the simulator runs, JS heap (after a
//      forced GC) and DOM node count sampled every minute through the Chrome
//      DevTools Protocol; goal: after the first 10 minutes, growth < 10 %.
// Full run: 2 hours of soak; --quick: 3 minutes sampled every 15 s;
// --soak-minutes N sets another length (npm run bench -- --only wall --soak-minutes 30).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { ensureBuild } from '../server/build.ts';
import { DEMO_PASSWORD, QUEUE, STAFF } from '../tests/support/demo.ts';
import { spawnServer, type SpawnedServer } from './support/spawn-server.ts';
import { median, ms, type Row } from './support/stats.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUTES = ['/wall', `/wall/queue/${QUEUE.sales}`, '/wall/agents', '/wall/outbound', '/wall/playlist'];
const JS_GOAL_KB = 120;
const FIRST_LIVE_GOAL_MS = 1_500;

async function signedInContext(browser: Browser, server: SpawnedServer): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto(`${server.url}/login`);
	await page.getByTestId('login-email').fill(STAFF.display.email);
	await page.getByTestId('login-password').fill(DEMO_PASSWORD);
	await page.getByTestId('login-submit').click();
	await page.waitForURL(/\/$/);
	await page.close();
	return context;
}

/** gzip bytes of every script a route loads (the server sends them uncompressed; a proxy or CDN would gzip). */
async function jsPerRoute(context: BrowserContext, server: SpawnedServer): Promise<Row[]> {
	const rows: Row[] = [];
	for (const route of ROUTES) {
		const page = await context.newPage();
		const scripts = new Map<string, Promise<Buffer>>();
		page.on('response', (response) => {
			const url = response.url();
			if (url.endsWith('.js') && url.startsWith(server.url)) scripts.set(url, response.body());
		});
		await page.goto(`${server.url}${route}`);
		await page.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 30_000 });
		await page.waitForLoadState('networkidle');
		const bodies = await Promise.all(scripts.values());
		const gzip = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
		const kb = gzip / 1024;
		rows.push({
			benchmark: `JS for ${route} (gzip, ${bodies.length} files)`,
			figure: `${kb.toFixed(1)} KB`,
			goal: `≤ ${JS_GOAL_KB} KB`,
			met: kb <= JS_GOAL_KB
		});
		await page.close();
	}
	return rows;
}

/** From navigation start to live numbers on the overview, five fresh loads. */
async function firstLiveNumbers(context: BrowserContext, server: SpawnedServer): Promise<Row> {
	const samples: number[] = [];
	for (let i = 0; i < 5; i++) {
		const page = await context.newPage();
		await page.goto(`${server.url}/wall`);
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'live' &&
				document.querySelector('[data-testid^="tile-"] [data-testid="metric-offered"] [data-testid="value"]') !== null,
			undefined,
			{ timeout: 30_000, polling: 'raf' }
		);
		samples.push(await page.evaluate(() => performance.now()));
		await page.close();
	}
	const mid = median(samples);
	return {
		benchmark: 'first live numbers on /wall after navigation (median of 5)',
		figure: `${ms(mid)} (min ${ms(Math.min(...samples))}, max ${ms(Math.max(...samples))})`,
		goal: `< ${FIRST_LIVE_GOAL_MS} ms`,
		met: mid < FIRST_LIVE_GOAL_MS
	};
}

interface Sample {
	minute: number;
	heap: number;
	nodes: number;
}

async function soak(context: BrowserContext, server: SpawnedServer, minutes: number, everyMs: number): Promise<Row[]> {
	const page = await context.newPage();
	await page.goto(`${server.url}/wall`);
	await page.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 30_000 });
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable');
	const samples: Sample[] = [];
	const started = Date.now();
	let notLive = 0;
	for (;;) {
		await cdp.send('HeapProfiler.collectGarbage');
		const { metrics } = await cdp.send('Performance.getMetrics');
		const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
		const minute = (Date.now() - started) / 60_000;
		samples.push({ minute, heap: metric('JSHeapUsedSize'), nodes: metric('Nodes') });
		if ((await page.getByTestId('connection').getAttribute('data-state')) !== 'live') notLive++;
		console.log(
			`[wall soak] ${minute.toFixed(1)} min: heap ${(metric('JSHeapUsedSize') / 2 ** 20).toFixed(2)} MiB, ${metric('Nodes')} nodes`
		);
		if (minute >= minutes) break;
		await page.waitForTimeout(everyMs);
	}
	await page.close();
	// Growth compares the median of the first samples after warm-up (10 minutes,
	// or half of a shorter run) with the median of the last ones, ten samples
	// each (fewer in a short run). Medians, because one sample can catch a
	// burst of garbage-in-flight (a fetch's response being parsed) that is gone
	// a minute later; the peak sample is printed too.
	const warmAt = Math.min(10, minutes / 2);
	const later = samples.filter((s) => s.minute >= warmAt);
	const window = Math.max(1, Math.min(10, Math.floor(later.length / 3)));
	const trend = (key: 'heap' | 'nodes') => {
		const from = median(later.slice(0, window).map((s) => s[key]));
		const to = median(later.slice(-window).map((s) => s[key]));
		const peak = Math.max(...later.map((s) => s[key]));
		return { from, to, peak, growth: to / from - 1, peakGrowth: peak / from - 1 };
	};
	const heap = trend('heap');
	const nodes = trend('nodes');
	const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
	const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
	const span = `${minutes} min at 60×, medians of ${window} samples from ${warmAt} min vs the last ${window}`;
	return [
		{
			benchmark: `soak: JS heap growth after warm-up (${span})`,
			figure: `${pct(heap.growth)} (${mib(heap.from)} → ${mib(heap.to)} MiB; peak sample ${mib(heap.peak)} MiB, ${pct(heap.peakGrowth)})`,
			goal: '< 10 %',
			met: heap.growth < 0.1
		},
		{
			benchmark: `soak: DOM node growth after warm-up (${span})`,
			figure: `${pct(nodes.growth)} (${nodes.from} → ${nodes.to}; peak sample ${nodes.peak})`,
			goal: '< 10 %',
			met: nodes.growth < 0.1
		},
		{
			benchmark: `soak: samples not live (${samples.length} samples)`,
			figure: String(notLive),
			goal: '0',
			met: notLive === 0
		}
	];
}

export async function benchWall(options: { quick: boolean; soakMinutes?: number }): Promise<Row[]> {
	await ensureBuild(root, (line) => console.log(`[wall bench] ${line}`));
	const server = await spawnServer({
		CALLBOARD_SIMULATE: '1',
		CALLBOARD_SIM_SPEED: '60',
		CALLBOARD_HISTORY_WEEKS: '0'
	});
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-timer-throttling', '--enable-precise-memory-info']
	});
	try {
		const context = await signedInContext(browser, server);
		const rows = [...(await jsPerRoute(context, server)), await firstLiveNumbers(context, server)];
		const flag = process.argv.indexOf('--soak-minutes');
		const fromArgs = flag > 0 ? Number(process.argv[flag + 1]) : Number.NaN;
		const minutes =
			options.soakMinutes ?? (Number.isFinite(fromArgs) && fromArgs > 0 ? fromArgs : options.quick ? 3 : 120);
		rows.push(...(await soak(context, server, minutes, options.quick ? 15_000 : 60_000)));
		return rows;
	} finally {
		await browser.close();
		await server.stop();
	}
}
