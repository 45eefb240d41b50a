// The attendance policy page end to end, on a server of this file's own
// (the demo site: one policy version, the product defaults with judged and
// closed days of the past month). The manager, in Chinese, raises the grace
// and the end of the late tier from a date a week ahead and finds the new
// version listed (and in the database, with its audit row); a grace beyond
// the late tier and a date that would claim closed days are refused in
// words with nothing saved; a supervisor, in English, reads the policy
// without a form. Axe and screenshots in both languages.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, DEMO_TIME_ZONE, STAFF } from '../support/demo';
import { signedInPage } from './signed-in';
import { WallServer } from './wall-support';

const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';

let server: WallServer;

/** The site's date `days` from today (yyyy-mm-dd). */
function siteDate(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: DEMO_TIME_ZONE }).format(
		new Date(Date.now() + days * 86_400_000)
	);
}

async function asService(path: string): Promise<unknown> {
	const response = await fetch(`${server.url}/rest/v1/${path}`, {
		headers: { apikey: server.serviceKey, authorization: `Bearer ${server.serviceKey}` }
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`GET ${path} as service answered ${response.status}: ${text}`);
	return JSON.parse(text);
}

interface PolicyRow {
	version: number;
	effective_from: string;
	grace_min: number;
	late_max_min: number;
}
const policyRows = async () =>
	(await asService(
		`attendance_policies?site_id=eq.${DEMO_SITE}&select=version,effective_from,grace_min,late_max_min&order=version`
	)) as PolicyRow[];
const auditRows = async () =>
	(await asService(
		`attendance_corrections?site_id=eq.${DEMO_SITE}&action=eq.policy_saved&select=made_by,work_date,before,after,reason`
	)) as {
		made_by: string;
		work_date: string;
		before: unknown;
		after: { policy: Record<string, unknown> };
		reason: string;
	}[];

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

async function signedIn(browser: Browser, email: string, locale: string): Promise<Page> {
	return signedInPage(browser, server.url, email, { viewport: DESK, locale });
}

async function openPolicy(page: Page): Promise<void> {
	await page.goto(`${server.url}/settings/attendance`);
	await expect(page.getByTestId('pol-versions')).toBeVisible();
}

test('the manager changes the grace and the late tier from a date and finds the version listed', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const page = await signedIn(browser, STAFF.manager.email, 'zh-CN');
	await page.goto(`${server.url}/settings`);
	await page.getByRole('link', { name: '考勤制度' }).click();
	await expect(page.getByTestId('pol-versions')).toBeVisible();
	await expect(page.getByTestId('pol-version')).toHaveCount(1);
	await expect(page.getByTestId('pol-form')).toBeVisible();
	// The grace's line says where the boundary lies: seconds dropped, 5 min 59 s on time, 6 min late.
	await expect(page.locator('#pol-grace_min-hint')).toHaveText(
		'秒数不计：开始时间 + 5分59秒到岗不算迟到；开始时间 + 6分钟算迟到。'
	);
	await page.screenshot({ path: `${SHOTS}/attendance-policy-zh-CN-1280x720.png` });
	await page.screenshot({ path: `${SHOTS}/attendance-policy-full-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);

	const from = siteDate(7);
	await page.locator('#pol-grace_min').fill('10');
	await page.locator('#pol-late_max_min').fill('45');
	// The lines follow the values as they are typed.
	await expect(page.locator('#pol-grace_min-hint')).toContainText('10分59秒');
	await expect(page.locator('#pol-late_max_min-hint')).toHaveText('迟到11至45分钟（含两端）记迟到。');
	await expect(page.locator('#pol-half_day_max_min-hint')).toContainText('迟到46至120分钟记半天旷工');
	await page.getByTestId('pol-effective').fill(from);
	await page.getByTestId('pol-reason').fill('e2e: 宽限改为10分钟');
	await page.getByTestId('pol-save').click();

	await expect(page.getByTestId('pol-saved')).toContainText('已保存：第2版');
	await expect(page.getByTestId('pol-version')).toHaveCount(2);
	const listed = page.getByTestId('pol-version').first();
	await expect(listed).toContainText('第2版');
	await expect(listed).toContainText('待生效');
	await expect(listed).toContainText('中心经理 Manager');
	await expect(page.getByTestId('pol-version').nth(1)).toContainText('现行');
	// The saved version is the one on the page now.
	await expect(page.locator('#pol-grace_min')).toHaveValue('10');
	await expect(page.getByTestId('pol-effective')).toHaveValue(from);

	expect(await policyRows()).toEqual([
		expect.objectContaining({ version: 1, grace_min: 5, late_max_min: 30 }),
		{ version: 2, effective_from: from, grace_min: 10, late_max_min: 45 }
	]);
	const audit = await auditRows();
	expect(audit).toHaveLength(1);
	expect(audit[0]).toMatchObject({
		made_by: STAFF.manager.userId,
		work_date: from,
		before: null,
		reason: 'e2e: 宽限改为10分钟'
	});
	expect(audit[0]?.after.policy).toMatchObject({ grace_min: 10, late_max_min: 45, half_day_max_min: 120 });
	await page.screenshot({ path: `${SHOTS}/attendance-policy-saved-zh-CN-1280x720.png` });
	await expectNoAxeViolations(page);
});

test('a grace beyond the late tier and a date over closed days are refused in words, and nothing is saved', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const before = { versions: await policyRows(), audit: await auditRows() };
	const page = await signedIn(browser, STAFF.manager.email, 'zh-CN');
	await openPolicy(page);
	// The version in force (1: grace 5, late tier to 30).
	await expect(page.locator('#pol-late_max_min')).toHaveValue('30');
	await page.locator('#pol-grace_min').fill('45');
	await page.getByTestId('pol-effective').fill(siteDate(3));
	await page.getByTestId('pol-save').click();
	const refusal = '迟到宽限（分钟）须小于记迟到至（迟到分钟）。';
	await expect(page.getByTestId('pol-problem')).toHaveText(`未保存：${refusal}`);
	await expect(page.locator('#pol-grace_min')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#pol-grace_min-error')).toHaveText(refusal);
	await expect(page.locator('#pol-grace_min')).toBeFocused();
	await expect(page.locator('#pol-grace_min')).toBeInViewport();
	await page.screenshot({ path: `${SHOTS}/attendance-policy-refused-zh-CN-1280x720.png` });
	await expectNoAxeViolations(page);

	// A valid value from ten days ago: the demo month's closed days would fall under it.
	await page.locator('#pol-grace_min').fill('6');
	await page.getByTestId('pol-effective').fill(siteDate(-10));
	await page.getByTestId('pol-save').click();
	await expect(page.getByTestId('pol-problem')).toContainText('已结算的考勤不会重新判定');
	await expect(page.getByTestId('pol-effective')).toHaveAttribute('aria-invalid', 'true');

	await expect(page.getByTestId('pol-version')).toHaveCount(before.versions.length);
	expect(await policyRows()).toEqual(before.versions);
	expect(await auditRows()).toEqual(before.audit);
});

test('a supervisor reads the policy in English without a form', async ({ browser }) => {
	test.setTimeout(120_000);
	const page = await signedIn(browser, STAFF.supervisor.email, 'en');
	await openPolicy(page);
	await expect(page.getByTestId('pol-read-only')).toHaveText(
		"Read only: the site's managers and admins change the attendance policy."
	);
	await expect(page.getByTestId('pol-form')).toHaveCount(0);
	await expect(page.locator('main').locator('input, select')).toHaveCount(0);
	await expect(page.getByTestId('pol-view')).toContainText('Version 1');
	await expect(page.getByTestId('pol-knob-grace_min')).toContainText('5 min');
	await expect(page.getByTestId('pol-knob-grace_min')).toContainText(
		'Seconds are dropped: arriving at start + 5 min 59 s is on time; start + 6 min is late.'
	);
	await page.screenshot({ path: `${SHOTS}/attendance-policy-read-only-en-1280x720.png` });
	await expectNoAxeViolations(page);

	// The upcoming version the manager saved, shown on request.
	await page.getByRole('button', { name: 'Show version 2' }).click();
	await expect(page.getByTestId('pol-view')).toContainText('Version 2');
	await expect(page.getByTestId('pol-knob-grace_min')).toContainText('10 min');
	await expect(page.getByTestId('pol-knob-late_max_min')).toContainText('11 to 45 min late');
	await page.screenshot({ path: `${SHOTS}/attendance-policy-read-only-full-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);
});

test('the manager reads the form in English too', async ({ browser }) => {
	const page = await signedIn(browser, STAFF.manager.email, 'en');
	await openPolicy(page);
	await expect(page.getByTestId('pol-form')).toBeVisible();
	await expect(page.locator('#pol-check_in_window_min-hint')).toHaveText(
		'A punch at exactly 60 min before the start or later counts for the shift; one a second earlier belongs to no shift.'
	);
	await page.screenshot({ path: `${SHOTS}/attendance-policy-en-1280x720.png` });
	await page.screenshot({ path: `${SHOTS}/attendance-policy-full-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(page);
});
