// The Content-Security-Policy holds for the whole app: every page (home,
// sign-in, settings, every wall board) is served with the policy and loads
// with zero violations while it works — boards go live over the realtime
// socket, the settings page lists the TV. Once as Playwright's server
// (no PUBLIC_URL: the API is the page's own origin) and once with a
// PUBLIC_URL naming another origin, which the app must use exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { freePort } from '../support/free-port';
import { startSingleBox } from '../support/single-box-process';
import { QUEUE, STAFF } from '../support/demo';
import { copyDataTemplate } from './data-template';
import { signInAsDisplay } from './wall-support';

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

const BOARDS = [
	'/wall',
	'/wall/overview',
	`/wall/queue/${QUEUE.sales}`,
	'/wall/agents',
	'/wall/outbound',
	`/wall/playlist?boards=overview,agents,queue:${QUEUE.sales}&seconds=20`
];

/** Collects into `problems` everything the browser reports against the policy on this page. */
async function watchPolicy(page: Page, problems: string[]): Promise<void> {
	// Runs before the app's own scripts (Playwright injects it outside the page's CSP).
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			// Where it happened, so a failure names the page and the script that broke the policy.
			const at = event.sourceFile ? ` (${event.sourceFile.replace(location.origin, '')}:${event.lineNumber})` : '';
			console.error(
				`CSP violation on ${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}${at}`
			);
		});
	});
	page.on('console', (message) => {
		const text = message.text();
		if (/CSP violation|Content Security Policy/i.test(text)) problems.push(text);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('response', (response) => {
		if (response.request().resourceType() !== 'document') return;
		const policy = response.headers()['content-security-policy'] ?? '';
		// Zero violations mean nothing without a policy: every page must carry the real one.
		if (!/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/.test(policy) || /unsafe-inline/.test(policy)) {
			problems.push(`${response.url()} served without the app's policy: ${policy || '(none)'}`);
		}
		if (response.headers()['x-frame-options'] !== 'DENY') problems.push(`${response.url()} may be framed`);
	});
}

async function expectLive(page: Page): Promise<void> {
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
}

async function visitEveryPage(browser: Browser, base: string, apiUrl: string): Promise<void> {
	const visitor = await browser.newPage();
	const tv = await browser.newPage();
	const supervisor = await browser.newPage();
	const problems: string[] = [];
	for (const page of [visitor, tv, supervisor]) await watchPolicy(page, problems);
	try {
		await visitor.goto(`${base}/`);
		await expect(visitor.getByTestId('api-url')).toHaveText(apiUrl);
		await expect(visitor.getByTestId('api-status')).toHaveAttribute('data-state', 'available');
		await visitor.goto(`${base}/login`);
		await expect(visitor.getByTestId('login-form')).toBeVisible();

		await signInAsDisplay(tv, base);
		for (const board of BOARDS) {
			await tv.goto(`${base}${board}`);
			await expectLive(tv);
		}
		await expect(tv.getByTestId('board-title')).toBeVisible();

		// The playlist TV stays on; the settings page lists it.
		await signInAsDisplay(supervisor, base, STAFF.supervisor.email);
		await supervisor.goto(`${base}/settings`);
		await expect(supervisor.getByTestId('settings-site')).toBeVisible();
		await expect(supervisor.getByTestId('tv-presence').getByTestId('tv-board')).toContainText('/wall/playlist');
		await supervisor.screenshot({ path: 'test-results/screenshots/csp-settings.png', fullPage: true });
		expect(problems).toEqual([]);
	} finally {
		for (const page of [visitor, tv, supervisor]) await page.close();
	}
}

test('every page loads and works under the policy, the API on the page’s own origin', async ({ browser }) => {
	test.setTimeout(120_000);
	await visitEveryPage(browser, BASE, BASE);
});

test('with PUBLIC_URL the app uses exactly that URL, and the policy lets it through', async ({ browser }) => {
	test.setTimeout(300_000);
	const port = await freePort();
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-public-url-e2e-'));
	// The public name differs from the address the browser opens: only configuration can say it.
	const publicUrl = `http://localhost:${port}`;
	// The run's migrated and seeded database, copied: a second migration and seed would cost ~20 s.
	await copyDataTemplate(dataDir);
	const box = await startSingleBox({ dataDir, port, env: { PUBLIC_URL: publicUrl } });
	try {
		await visitEveryPage(browser, `http://127.0.0.1:${port}`, publicUrl);
	} finally {
		await box.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
});
