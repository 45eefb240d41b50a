// An agent's own schedule on a phone: this week's published shifts with
// today marked, rest days, breaks and paid hours; next week; the week after
// (only a draft so far) said to be unpublished; the same in English; and a
// supervisor told the page is for agents. Reads the demo seed only.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, STAFF } from '../support/demo';
import { signInAsDisplay } from './wall-support';

const PHONE = { width: 390, height: 844 };

/** yyyy-mm-dd in Asia/Shanghai, `days` from today. */
function shanghaiDate(days = 0): string {
	return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the Shanghai week `weeks` from this one. */
function monday(weeks = 0): string {
	const today = shanghaiDate();
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
	const ms = Date.parse(`${today}T00:00:00Z`) - ((weekday + 6) % 7) * 86_400_000 + weeks * 7 * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}

const dayAfter = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test.use({ viewport: PHONE });

test('an agent reads their week on a phone, today marked, and the weeks around it', async ({ page }) => {
	await signInAsDisplay(page, '', demoAgent(1).email);
	await expect(page).toHaveURL(/\/me$/);
	// On a phone the pages fold behind the menu button.
	await page.getByTestId('menu-button').click();
	await page.getByTestId('nav-my-schedule').click();
	await expect(page).toHaveURL(/\/me\/schedule$/);

	// agent01: the early shift five days, Tuesday and Wednesday off (seed).
	await expect(page.getByTestId('my-week')).toContainText('当周');
	await expect(page.getByTestId('my-total')).toHaveText('本周计薪工时：40:00');
	const mon = page.getByTestId(`my-day-${monday()}`);
	await expect(mon).toContainText('早班 Early');
	await expect(mon).toContainText('08:00–16:30');
	await expect(mon).toContainText('计薪 8:00');
	await expect(mon).toContainText('休息：10:00 15 分钟（计薪）、12:00 30 分钟（不计薪）、14:30 15 分钟（计薪）');
	await expect(page.getByTestId(`my-day-${dayAfter(monday(), 1)}`)).toContainText('休息');
	const today = page.getByTestId(`my-day-${shanghaiDate()}`);
	await expect(today).toHaveAttribute('aria-current', 'date');
	await expect(today).toContainText('今天');
	await expect(page.getByTestId('my-season')).toContainText('季节：');

	// Nothing wider than the phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await page.screenshot({ path: 'test-results/screenshots/my-schedule-zh-CN-390x844.png', fullPage: true });
	await expectNoAxeViolations(page);

	await page.getByTestId('my-next').click();
	await expect(page).toHaveURL(new RegExp(`/me/schedule/${monday(1)}$`));
	await expect(page.getByTestId('my-total')).toHaveText('本周计薪工时：40:00');
	await page.getByTestId('my-next').click();
	await expect(page.getByTestId('my-not-published')).toHaveText('本周排班尚未发布。');
	await page.screenshot({ path: 'test-results/screenshots/my-schedule-unpublished-zh-CN-390x844.png' });
	await page.getByTestId('my-this').click();
	await expect(page).toHaveURL(new RegExp(`/me/schedule/${monday()}$`));

	// A deep link to any date shows its week, and survives a reload.
	await page.goto(`/me/schedule/${dayAfter(monday(1), 3)}`);
	await page.reload();
	await expect(page.getByTestId(`my-day-${monday(1)}`)).toBeVisible();

	// The language is in the top bar, behind the menu on a phone.
	await page.getByTestId('menu-button').click();
	await page.getByTestId('locale-switch').selectOption('en');
	await expect(page.getByTestId('my-total')).toHaveText('Paid hours this week: 40:00');
	await expect(page.getByTestId(`my-day-${dayAfter(monday(1), 1)}`)).toContainText('Rest day');
	await expect(page.getByTestId(`my-day-${monday(1)}`)).toContainText('Breaks: 10:00 15 min paid, 12:00 30 min unpaid');
	await page.screenshot({ path: 'test-results/screenshots/my-schedule-en-390x844.png', fullPage: true });
	await expectNoAxeViolations(page);
});

test('a supervisor is told the page is for agents', async ({ page }) => {
	await signInAsDisplay(page, '', STAFF.supervisor.email);
	await page.goto('/me/schedule');
	await expect(page.getByTestId('my-message')).toHaveText('“我的排班”供座席使用；此账号在任何中心都不是座席。');
});
