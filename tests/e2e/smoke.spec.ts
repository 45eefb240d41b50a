// First contact: the app loads its runtime config from the server, says
// whether the API answers, and remembers the chosen language.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test('home page shows the loaded config and switches language', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('app-title')).toHaveText('呼叫看板');
	await expect(page.getByTestId('config-status')).toHaveAttribute('data-state', 'loaded');
	await expect(page.getByTestId('api-url')).toHaveText(`http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`);
	await expect(page.getByTestId('api-status')).toHaveAttribute('data-state', 'available');
	await page.screenshot({ path: 'test-results/screenshots/home-zh-CN.png' });
	await expectNoAxeViolations(page);

	await page.getByTestId('locale-switch').selectOption('en');
	await expect(page.getByTestId('app-title')).toHaveText('Callboard');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await page.reload();
	await expect(page.getByTestId('app-title')).toHaveText('Callboard');
	await page.screenshot({ path: 'test-results/screenshots/home-en.png' });
	await expectNoAxeViolations(page);
});

test('a broken config.json gives a readable error, not a blank page', async ({ page }) => {
	await page.route('**/config.json', (route) => route.fulfill({ status: 200, body: '{"supabaseUrl": "nope"}' }));
	await page.goto('/');
	const status = page.getByTestId('config-status');
	await expect(status).toHaveAttribute('data-state', 'failed');
	await expect(status).toContainText('supabaseUrl');
});
