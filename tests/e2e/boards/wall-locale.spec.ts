// The language of a board: the site's (the demo site is zh-CN) unless the
// user chose one. An en-US browser gets English on the sign-in page — its
// own language, nothing stored — and Chinese on every board; a zh-CN
// browser gets Chinese; a user who chose English gets English boards, and
// that choice is the only thing stored.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../axe';
import { QUEUE } from '../../support/demo';
import { signInAsDisplay } from '../wall-support';

const BOARDS = [
	{ path: '/wall', zh: '队列总览', en: 'Queues overview' },
	{ path: '/wall/agents', zh: '座席状态', en: 'Agents' },
	{ path: '/wall/outbound', zh: '电开外呼', en: 'Outbound' },
	{ path: `/wall/queue/${QUEUE.sales}`, zh: '队列详情', en: 'Queue focus' }
] as const;

async function expectBoardsIn(page: Page, language: 'zh' | 'en'): Promise<void> {
	for (const board of BOARDS) {
		await page.goto(board.path);
		await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
		const title = board.path.startsWith('/wall/queue/')
			? page.getByTestId('board-subtitle')
			: page.getByTestId('board-title');
		await expect(title).toHaveText(board[language]);
		await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-CN' : 'en');
	}
}

async function storedLanguage(page: Page): Promise<Record<string, string>> {
	return page.evaluate(() =>
		Object.fromEntries(
			Object.keys(localStorage)
				.filter((k) => /locale/i.test(k))
				.map((k) => [k, localStorage.getItem(k) ?? ''])
		)
	);
}

test.describe('an en-US browser', () => {
	test.use({ locale: 'en-US' });

	test('reads the sign-in page in English and the boards in the site’s Chinese, with nothing stored', async ({
		page
	}) => {
		await page.goto('/login');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
		await expectNoAxeViolations(page);
		await signInAsDisplay(page, '');
		await expectBoardsIn(page, 'zh');
		await page.screenshot({ path: 'test-results/screenshots/wall-locale-en-US-browser-zh-CN-site.png' });
		expect(await storedLanguage(page)).toEqual({});
		await page.reload();
		await expect(page.getByTestId('board-subtitle')).toHaveText('队列详情');
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	});

	test('shows the boards in English once the user chose English, and remembers that choice only', async ({ page }) => {
		await page.goto('/login');
		await page.getByTestId('locale-switch').selectOption('zh-CN');
		await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
		await page.getByTestId('locale-switch').selectOption('en');
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
		await signInAsDisplay(page, '');
		await expectBoardsIn(page, 'en');
		expect(await storedLanguage(page)).toEqual({ 'callboard.locale': 'en' });
	});
});

test.describe('a zh-CN browser', () => {
	test.use({ locale: 'zh-CN' });

	test('reads everything in Chinese, and an English choice on the board itself holds across reloads', async ({
		page
	}) => {
		await signInAsDisplay(page, '');
		await expectBoardsIn(page, 'zh');
		expect(await storedLanguage(page)).toEqual({});

		await page.goto('/wall');
		await page.mouse.move(200, 200); // the tools show while the pointer moves
		await page.getByTestId('locale-switch').selectOption('en');
		await expect(page.getByTestId('board-title')).toHaveText('Queues overview');
		await page.reload();
		await expect(page.getByTestId('board-title')).toHaveText('Queues overview');
	});
});
