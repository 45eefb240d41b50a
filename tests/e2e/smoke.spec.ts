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

test('without PUBLIC_URL the app talks to the origin its page came from, under any name', async ({ page }) => {
	// The server listens on 127.0.0.1; a TV may know it by another name. config.json
	// says "this page's origin" and the app resolves it, the server never reflects Host.
	const port = process.env.E2E_PORT ?? 4173;
	const config = await page.request.get(`http://localhost:${port}/config.json`);
	expect(((await config.json()) as { supabaseUrl: string }).supabaseUrl).toBe('/');
	await page.goto(`http://localhost:${port}/`);
	await expect(page.getByTestId('api-url')).toHaveText(`http://localhost:${port}`);
	await expect(page.getByTestId('api-status')).toHaveAttribute('data-state', 'available');
});

test('a broken config.json gives a readable error, not a blank page', async ({ page }) => {
	await page.route('**/config.json', (route) => route.fulfill({ status: 200, body: '{"supabaseUrl": "nope"}' }));
	await page.goto('/');
	const status = page.getByTestId('config-status');
	await expect(status).toHaveAttribute('data-state', 'failed');
	await expect(status).toContainText('supabaseUrl');
});
