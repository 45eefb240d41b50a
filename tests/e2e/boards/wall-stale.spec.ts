// What a board shows when things go wrong: stale numbers stop ticking at
// the last moment they were known (and are dimmed), a failed snapshot is
// told in the header, never over a number, and the screen's tools (language,
// full screen) never cover a number either, not even in their first seconds.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../axe';
import { demoAgent, QUEUE } from '../../support/demo';
import { ago, eventFactory, signInAsDisplay, WallServer, startBusyWall } from '../wall-support';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await startBusyWall('wall-stale');
});

test.afterAll(async () => {
	await server?.dispose();
});

const NUMBERS = [
	'[data-testid="value"]',
	'[data-testid^="agents-"]',
	'[data-testid="time-in-state"]',
	'[data-testid="connected"]',
	'[data-testid="site-clock"]',
	'[data-testid="connection"]',
	'[data-testid="agent-summary"]',
	'[data-testid="outbound-totals"]'
].join(', ');

/** The boxes of `selector` that overlap any number (or the clock and badge) on the board. */
async function coveredNumbers(page: Page, selector: string): Promise<string[]> {
	return page.evaluate(
		([over, numbers]) => {
			const boxes = [...document.querySelectorAll(over)].map((el) => el.getBoundingClientRect());
			if (boxes.length === 0) throw new Error(`nothing matches ${over}`);
			return [...document.querySelectorAll(numbers)]
				.filter((el) => {
					const r = el.getBoundingClientRect();
					return boxes.some((b) => b.left < r.right && r.left < b.right && b.top < r.bottom && r.top < b.bottom);
				})
				.map((el) => `${el.getAttribute('data-testid')}: ${el.textContent?.trim().slice(0, 20)}`);
		},
		[selector, NUMBERS] as const
	);
}

async function openLive(page: Page, path: string): Promise<void> {
	await page.goto(`${server.url}${path}`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
}

test('the language and full-screen tools never cover a number, not even while they show', async ({ page }) => {
	test.setTimeout(120_000);
	await signInAsDisplay(page, server.url);
	for (const path of ['/wall', `/wall/queue/${QUEUE.sales}`, '/wall/agents', '/wall/outbound']) {
		await openLive(page, path);
		await page.mouse.move(300, 300);
		await expect(page.getByTestId('wall-tools')).toBeVisible();
		expect({ path, covered: await coveredNumbers(page, '[data-testid="wall-tools"]') }).toEqual({ path, covered: [] });
		if (path === '/wall') await page.screenshot({ path: 'test-results/screenshots/wall-tools-overview-1280x720.png' });
	}
	// They go once the pointer rests, so a TV shows only the board.
	await expect(page.getByTestId('wall-tools')).toBeHidden({ timeout: 5_000 });
});

test('a failed snapshot is told in the header, over no number, and the board recovers by itself', async ({ page }) => {
	test.setTimeout(120_000);
	await signInAsDisplay(page, server.url);
	await page.route('**/rest/v1/queue_live**', (route) =>
		route.fulfill({
			status: 500,
			contentType: 'application/json',
			body: JSON.stringify({ code: 'XX000', message: 'test: the snapshot is refused', details: null, hint: null })
		})
	);
	await page.goto(`${server.url}/wall`);
	const toast = page.getByTestId('wall-toasts').getByTestId('toast');
	await expect(toast).toContainText('无法刷新数据');
	await expect(toast).toContainText('test: the snapshot is refused');
	await expect(page.getByTestId('wall-toasts')).toHaveAttribute('role', 'status');
	// Exactly one toast however often the retry fails.
	await page.waitForTimeout(3_500);
	await expect(toast).toHaveCount(1);
	expect(await coveredNumbers(page, '[data-testid="wall-toasts"]')).toEqual([]);
	await page.screenshot({ path: 'test-results/screenshots/wall-toast-1280x720.png' });

	await page.unroute('**/rest/v1/queue_live**');
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
});

test('while stale, the longest wait and the time in state stop at the last known moment', async ({ browser }) => {
	test.setTimeout(180_000);
	// A call waiting and an agent in a state, both ticking.
	const now = Date.now();
	const e = eventFactory(`wall-stale-tick-${now}`);
	await server.ingest([
		e.offered('tick-1', QUEUE.sales, ago(now, 30)),
		e.state(demoAgent(9).agentId, 'break', ago(now, 30))
	]);

	// Contexts of their own (axe needs a page made that way); both share nothing but the server.
	const overviewContext = await browser.newContext();
	const overview = await overviewContext.newPage();
	await signInAsDisplay(overview, server.url);
	const agentsContext = await browser.newContext();
	const agents = await agentsContext.newPage();
	await signInAsDisplay(agents, server.url);
	await openLive(overview, '/wall');
	await openLive(agents, '/wall/agents');
	const wait = overview.getByTestId(`tile-${QUEUE.sales}`).getByTestId('metric-longest-wait').getByTestId('value');
	const inState = agents.getByTestId(`agent-${demoAgent(9).agentId}`).getByTestId('time-in-state');
	// Ticking while live.
	const liveWait = await wait.textContent();
	await expect(wait).not.toHaveText(liveWait ?? '', { timeout: 3_000 });

	await server.stop();
	await expect(overview.getByTestId('connection')).toHaveAttribute('data-state', 'stale', { timeout: 40_000 });
	await expect(agents.getByTestId('connection')).toHaveAttribute('data-state', 'stale', { timeout: 10_000 });
	await expect(overview.getByTestId('wall-frame')).toHaveAttribute('data-stale', 'true');
	const frozenWait = await wait.textContent();
	const frozenInState = await inState.textContent();
	await overview.waitForTimeout(3_000);
	expect(await wait.textContent()).toBe(frozenWait);
	expect(await inState.textContent()).toBe(frozenInState);
	await overview.screenshot({ path: 'test-results/screenshots/wall-overview-stale-frozen-1280x720.png' });
	await agents.screenshot({ path: 'test-results/screenshots/wall-agents-stale-frozen-1280x720.png' });

	// Back: live again, and the clocks tick on from the truth.
	await server.start();
	await expect(overview.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 40_000 });
	await expect(wait).not.toHaveText(frozenWait ?? '', { timeout: 3_000 });
	// axe reads colours as drawn: let the frame's fade back from stale finish first.
	await expect(overview.getByTestId('wall-frame')).toHaveAttribute('data-stale', 'false');
	await expect(overview.getByTestId('wall-frame').locator('.body')).toHaveCSS('opacity', '1');
	await expectNoAxeViolations(overview);
	await overviewContext.close();
	await agentsContext.close();
});
