// The working-day calendar page: a manager reads the 2026 Spring Festival as
// the State Council set it and the year's 248 working days, finds 2027 empty
// and refused, fills it in by hand and adds and removes a day (the count
// moves with it), loads a shipped year again with one click; a supervisor
// reads it in English without any control to change it; a wall display is
// told it has no calendar to read.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { STAFF } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

test('a manager reads 2026, fills 2027 in by hand, and loads a shipped year', async ({ page }) => {
	await signInAsDisplay(page, server.url, STAFF.manager.email);
	await page.goto(`${server.url}/settings/working-days/2026`);
	await expect(page.getByTestId('wd-count')).toHaveText('2026 年：248 个工作日');
	await expect(page.getByTestId('wd-source')).toContainText('国务院办公厅关于2026年部分节假日安排的通知');
	await expect(page.getByTestId('wd-rest')).toHaveText('每周休息日：星期六、星期日');
	await expect(page.getByTestId('wd-day-2026-02-17')).toContainText('法定节假日');
	await expect(page.getByTestId('wd-day-2026-02-20')).toContainText('休息日');
	await expect(page.getByTestId('wd-day-2026-02-14')).toContainText('调休上班日');
	await expect(page.getByTestId('wd-day-2026-02-14')).toContainText('周六');
	await page.screenshot({ path: 'test-results/screenshots/working-days-2026-zh-CN-1280x720.png', fullPage: true });
	await expectNoAxeViolations(page);

	// 2027 has no data: said, and filled in by hand with its source.
	await page.goto(`${server.url}/settings/working-days/2027`);
	await expect(page.getByTestId('wd-missing')).toHaveText('2027 年没有节假日数据。');
	await expect(page.getByTestId('wd-load')).toHaveCount(0);
	await page.screenshot({ path: 'test-results/screenshots/working-days-2027-missing-zh-CN.png', fullPage: true });
	await expectNoAxeViolations(page);
	await page.getByTestId('wd-source-input').fill('国务院办公厅关于2027年部分节假日安排的通知（手工录入）');
	await page.getByTestId('wd-fill').click();
	await expect(page.getByTestId('wd-count')).toHaveText('2027 年：261 个工作日');
	await expect(page.getByTestId('wd-days-none')).toBeVisible();

	// A day added moves the count; removed, it moves back. Survives a reload.
	await page.getByTestId('wd-day-date').fill('2027-01-01');
	await page.getByTestId('wd-day-kind').selectOption('statutory_holiday');
	await page.getByTestId('wd-day-name').fill('元旦');
	await page.getByTestId('wd-day-save').click();
	await expect(page.getByTestId('wd-count')).toHaveText('2027 年：260 个工作日');
	await page.reload();
	await expect(page.getByTestId('wd-day-2027-01-01')).toContainText('法定节假日');
	await page.getByRole('button', { name: '删除 2027-01-01' }).click();
	await expect(page.getByTestId('wd-count')).toHaveText('2027 年：261 个工作日');
	await expect(page.getByTestId('wd-days-none')).toBeVisible();

	// A shipped year the site emptied is loaded again with one click.
	const removed = await server.restAs(STAFF.manager.email, 'site_calendar_years?year=eq.2025', { method: 'DELETE' });
	expect(removed.status).toBe(200);
	await page.goto(`${server.url}/settings/working-days/2025`);
	await expect(page.getByTestId('wd-missing')).toBeVisible();
	await page.getByTestId('wd-load').click();
	await expect(page.getByTestId('wd-count')).toHaveText('2025 年：248 个工作日');
	await expect(page.getByTestId('wd-day-2025-01-29')).toContainText('法定节假日');

	// The year tabs are links: a filled-in year is always one.
	await page.getByTestId('wd-year-2026').click();
	await expect(page).toHaveURL(/\/settings\/working-days\/2026$/);
	await expect(page.getByTestId('wd-count')).toHaveText('2026 年：248 个工作日');
});

test('a supervisor reads the calendar in English and cannot change it', async ({ page }) => {
	await signInAsDisplay(page, server.url, STAFF.supervisor.email);
	await page.goto(`${server.url}/settings/working-days/2026`);
	await page.getByTestId('locale-switch').selectOption('en');
	await expect(page.getByTestId('wd-count')).toHaveText('2026: 248 working days');
	await expect(page.getByTestId('wd-day-2026-02-17')).toContainText('Statutory holiday');
	await expect(page.getByTestId('wd-day-2026-02-28')).toContainText('Make-up working day');
	await expect(page.getByTestId('wd-rest')).toHaveText('Weekly days off: Saturday, Sunday');
	await expect(page.getByTestId('wd-day-form')).toHaveCount(0);
	await expect(page.getByText("Only the site's managers and admins change the calendar.")).toBeVisible();
	await page.screenshot({ path: 'test-results/screenshots/working-days-2026-en-supervisor.png', fullPage: true });
	await expectNoAxeViolations(page);

	// 2028: no data shipped, and nobody filled it in.
	await page.goto(`${server.url}/settings/working-days/2028`);
	await expect(page.getByTestId('wd-missing')).toHaveText('No public holiday data for 2028.');
	await expect(page.getByText('A manager or admin of the site fills it in.')).toBeVisible();
	await expect(page.getByTestId('wd-fill')).toHaveCount(0);
});

test('a wall display is told it has no calendar to read', async ({ page }) => {
	await signInAsDisplay(page, server.url);
	await page.goto(`${server.url}/settings/working-days`);
	await expect(page.getByTestId('wd-message')).toHaveText('此账号没有可查看工作日历的中心。');
});
