// Every board on a busy floor, at the three TV sizes (16:9: 720p, 1080p,
// 4K): no scrollbars, every tile, gauge and card inside the screen, and a
// screenshot of each into test-results/screenshots/ for a person to look at.
import { expect, test, type Page } from '@playwright/test';
import { signInAsDisplay, WallServer, startBusyWall, WALL_BOARDS as BOARDS, WALL_SIZES as SIZES } from './wall-support';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await startBusyWall('wall-screens');
});

test.afterAll(async () => {
	await server?.dispose();
});

/** Fails when the page scrolls or a board part leaves the screen. */
async function expectFitted(page: Page, parts: string): Promise<void> {
	const fit = await page.evaluate((selector) => {
		const root = document.documentElement;
		const outside = [...document.querySelectorAll(selector)].filter((el) => {
			const r = el.getBoundingClientRect();
			return r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1;
		});
		return {
			scrolls: root.scrollWidth > innerWidth || root.scrollHeight > innerHeight,
			outside: outside.map((el) => el.getAttribute('data-testid'))
		};
	}, parts);
	expect(fit).toEqual({ scrolls: false, outside: [] });
}

for (const size of SIZES) {
	test(`every board fits ${size.width}×${size.height}`, async ({ page }) => {
		test.setTimeout(120_000);
		await page.setViewportSize(size);
		await signInAsDisplay(page, server.url);
		for (const board of BOARDS) {
			await page.goto(`${server.url}${board.path}`);
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
			await expect(page.getByTestId(board.ready)).toBeVisible();
			// The toolbar hides after 3 s without the pointer; the gauges' needles settle.
			await page.waitForTimeout(3_500);
			await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
			await expectFitted(page, board.parts);
			await page.screenshot({ path: `test-results/screenshots/wall-${board.name}-${size.width}x${size.height}.png` });
		}
	});
}

test('the boards in English at 1080p', async ({ page }) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1920, height: 1080 });
	// The user chooses English on the sign-in page; the boards follow that choice, not the site.
	await page.goto(`${server.url}/login`);
	await page.getByTestId('locale-switch').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await signInAsDisplay(page, server.url);
	for (const board of BOARDS) {
		await page.goto(`${server.url}${board.path}`);
		await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 15_000 });
		await page.waitForTimeout(3_500);
		await expectFitted(page, board.parts);
		await page.screenshot({ path: `test-results/screenshots/wall-${board.name}-en-1920x1080.png` });
	}
});
