// Names as long as the schema allows — a queue of 200 CJK characters, one of
// 200 Latin letters without a space, agents of 100 — on every board at 720p
// in Chinese and in English: the clock and the live/stale badge stay whole on
// the screen, every name is clamped with an ellipsis and carries its full
// text in the tooltip, and no other text is cut, wrapped or too small.
import { expect, test, type Page } from '@playwright/test';
import { wallTextProblems } from '../wall-text-check';
import { demoAgent, QUEUE, STAFF } from '../../support/demo';
import { signInAsDisplay, WallServer, startBusyWall } from '../wall-support';

const CJK_200 = '销售热线超长名称测试'.repeat(20);
const LATIN_200 = 'Aftersalesqueuewithaverylongname'.repeat(7).slice(0, 200);
const CJK_AGENT_100 = '欧阳王小明'.repeat(20);
const LATIN_AGENT_100 = 'Maximiliana'.repeat(10).slice(0, 100);

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await startBusyWall('wall-long');
	const rename = async (path: string, body: Record<string, string>) => {
		const response = await server.restAs(STAFF.admin.email, path, { method: 'PATCH', body });
		expect(response.status, await response.text()).toBe(200);
	};
	expect(CJK_200).toHaveLength(200);
	expect(LATIN_200).toHaveLength(200);
	await rename(`queues?id=eq.${QUEUE.sales}`, { name: CJK_200 });
	await rename(`queues?id=eq.${QUEUE.afterSales}`, { name: LATIN_200 });
	// Agents who take the sales queue (and one outbound caller) get the longest names.
	await rename(`agents?id=eq.${demoAgent(4).agentId}`, { display_name: CJK_AGENT_100 });
	await rename(`agents?id=eq.${demoAgent(13).agentId}`, { display_name: LATIN_AGENT_100 });
	await rename(`agents?id=eq.${demoAgent(31).agentId}`, { display_name: LATIN_AGENT_100 });
});

test.afterAll(async () => {
	await server?.dispose();
});

const BOARDS = [
	{ name: 'queue', path: `/wall/queue/${QUEUE.sales}`, ready: 'queue-focus' },
	{ name: 'queue-latin', path: `/wall/queue/${QUEUE.afterSales}`, ready: 'queue-focus' },
	{ name: 'overview', path: '/wall', ready: `tile-${QUEUE.sales}` },
	{ name: 'agents', path: '/wall/agents', ready: 'agent-grid' },
	{ name: 'outbound', path: '/wall/outbound', ready: 'outbound-ranking' }
] as const;

/** The clock and the badge are whole, inside the screen, and nothing in the header lies over them. */
async function expectHeaderWhole(page: Page): Promise<void> {
	const layout = await page.evaluate(() => {
		const box = (selector: string) => {
			const r = document.querySelector(selector)?.getBoundingClientRect();
			return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
		};
		return {
			title: box('[data-testid="board-title"]'),
			clock: box('[data-testid="site-clock"]'),
			badge: box('[data-testid="connection"]'),
			width: innerWidth
		};
	});
	expect(layout.badge).not.toBeNull();
	expect(layout.clock).not.toBeNull();
	expect(layout.badge?.right).toBeLessThanOrEqual(layout.width);
	expect(layout.badge?.left).toBeGreaterThanOrEqual(layout.clock?.right ?? Infinity);
	expect(layout.clock?.left).toBeGreaterThan(layout.title?.right ?? Infinity);
}

for (const language of ['zh-CN', 'en'] as const) {
	test(`${language}, 1280×720: long names are clamped and the badge is never hidden`, async ({ page }) => {
		test.setTimeout(120_000);
		if (language === 'en') {
			await page.goto(`${server.url}/login`);
			await page.getByTestId('locale-switch').selectOption('en');
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		}
		await signInAsDisplay(page, server.url);
		const found: Record<string, unknown[]> = {};
		for (const board of BOARDS) {
			await page.goto(`${server.url}${board.path}`);
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
			await expect(page.getByTestId(board.ready)).toBeVisible();
			await page.waitForTimeout(3_500);
			await expectHeaderWhole(page);
			found[board.name] = await wallTextProblems(page);
			await page.screenshot({
				path: `test-results/screenshots/wall-long-names-${board.name}-${language}-1280x720.png`
			});
		}
		expect(found).toEqual(Object.fromEntries(BOARDS.map((b) => [b.name, []])));

		// The full names are in the tooltips.
		await page.goto(`${server.url}/wall/queue/${QUEUE.sales}`);
		await expect(page.getByTestId('board-title')).toHaveAttribute('title', CJK_200);
		await expect(page.getByTestId(`agent-${demoAgent(4).agentId}`).locator('.name')).toHaveAttribute(
			'title',
			CJK_AGENT_100
		);
		await page.goto(`${server.url}/wall`);
		await expect(page.getByTestId(`tile-${QUEUE.afterSales}`).getByTestId('tile-name')).toHaveAttribute(
			'title',
			LATIN_200
		);
	});
}
