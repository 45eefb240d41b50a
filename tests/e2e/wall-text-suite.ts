// Every board on a busy floor at the three TV sizes (16:9: 720p, 1080p, 4K):
// no scrollbars and every tile, gauge and card inside the screen; no text
// below the wall's minimum size (wall-type.ts), none wrapping onto a second
// line, none running out of its box; WCAG 2 A/AA (axe) on each live board at
// 720p; and a screenshot of each into test-results/screenshots/ for a person
// to look at. One pass per size checks all of it, since each board visit
// waits for the toolbar to hide. boards/wall-text-zh.spec.ts runs it in
// Chinese (the browser's and the site's language), boards/wall-text-en.spec.ts
// in English (chosen by the user): two files, so two Playwright workers share
// the waiting.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { wallFitProblems, wallTextProblems } from './wall-text-check';
import { signInAsDisplay, WallServer, startBusyWall, WALL_BOARDS as BOARDS, WALL_SIZES as SIZES } from './wall-support';

export type WallLanguage = 'zh-CN' | 'en';

/** Signs in as the display, first choosing English on the sign-in page when asked to. */
async function signIn(server: WallServer, page: Page, language: WallLanguage): Promise<void> {
	if (language === 'en') {
		await page.goto(`${server.url}/login`);
		await page.getByTestId('locale-switch').selectOption('en');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	}
	await signInAsDisplay(page, server.url);
}

/** Registers the checks for one language, on a busy wall of their own. */
export function wallTextSuite(language: WallLanguage): void {
	let server: WallServer;

	test.beforeAll(async () => {
		test.setTimeout(300_000);
		server = await startBusyWall(`wall-text-${language}`);
	});

	test.afterAll(async () => {
		await server?.dispose();
	});

	for (const size of SIZES) {
		test(`${language}, ${size.width}×${size.height}: every board fits, and every text on it is whole, on one line and at least the minimum size`, async ({
			page
		}) => {
			test.setTimeout(120_000);
			await page.setViewportSize(size);
			await signIn(server, page, language);
			const found: Record<string, unknown[]> = {};
			const fit: Record<string, unknown> = {};
			for (const board of BOARDS) {
				await page.goto(`${server.url}${board.path}`);
				await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
				await expect(page.getByTestId(board.ready)).toBeVisible();
				await expect(page.locator('html')).toHaveAttribute('lang', language);
				// The tools hide after 3 s without the pointer; the needles settle.
				await page.waitForTimeout(3_500);
				await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
				found[board.name] = await wallTextProblems(page);
				fit[board.name] = await wallFitProblems(page, board.parts);
				const named = language === 'en' ? `${board.name}-en` : board.name;
				await page.screenshot({ path: `test-results/screenshots/wall-${named}-${size.width}x${size.height}.png` });
				if (size.width === 1280) await expectNoAxeViolations(page);
			}
			expect(fit).toEqual(Object.fromEntries(BOARDS.map((b) => [b.name, { scrolls: false, outside: [] }])));
			expect(found).toEqual(Object.fromEntries(BOARDS.map((b) => [b.name, []])));
		});
	}
}
