// Seasons and shift templates pages: a supervisor builds a night template
// with an unpaid and a paid break (the preview's paid hours, then the list),
// is refused a break outside the shift in words, saves the longest name the
// schema allows, is told a template the schedules use cannot be deleted and
// archives it instead; edits the seasons of 2027 (an overlap refused in
// words, a gap shown), copies 2027 into 2028 and fills 2029 with the
// defaults; an agent reads both pages without any control to change them
// (on a phone too); a wall display is told it may not see them. zh-CN and
// en, axe, 1280×720.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, STAFF } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/shift-setup-${name}.png`, fullPage: true });

/** The break row n (1-based) of the template form. */
const breakRow = (page: Page, n: number) => page.getByTestId(`tpl-break-${n}`);

test('a supervisor builds a night template, is refused a bad one, and archives a used one', async ({ page }) => {
	await signInAsDisplay(page, server.url, STAFF.supervisor.email);
	await page.goto(`${server.url}/settings/shift-templates`);
	const active = page.getByTestId('tpl-active');
	await expect(active.getByTestId('tpl-row').filter({ hasText: '夜班 Night' })).toContainText('22:00–06:30 (+1)');
	await expect(active.getByTestId('tpl-row').filter({ hasText: '冬季白班 Winter day' })).toContainText('冬季 Winter');

	// A night shift: 22:00–06:00 with 30 min unpaid at 02:00 and 15 min paid at 00:00.
	await page.getByTestId('tpl-name').fill('夜班二 Night 2');
	await page.getByTestId('tpl-starts').fill('22:00');
	await page.getByTestId('tpl-ends').fill('06:00');
	await breakRow(page, 1).getByTestId('tpl-break-offset').fill('240');
	await breakRow(page, 1).getByTestId('tpl-break-minutes').fill('30');
	await expect(breakRow(page, 1)).toContainText('于 02:00');
	await page.getByTestId('tpl-break-add').click();
	await breakRow(page, 2).getByTestId('tpl-break-paid').selectOption({ label: '带薪' });
	await breakRow(page, 2).getByTestId('tpl-break-offset').fill('120');
	await breakRow(page, 2).getByTestId('tpl-break-minutes').fill('15');
	await expect(page.getByTestId('tpl-preview')).toContainText('带薪 7:30 小时，共 8:00 小时（不带薪休息 0:30 小时）');
	await expect(page.getByTestId('tpl-preview')).toContainText('次日 06:00 结束');
	await page.getByRole('radio', { name: '紫色' }).check();
	await page.getByTestId('tpl-seasons').getByLabel('冬季 Winter').check();
	await page.getByTestId('tpl-queues').getByRole('checkbox').first().check();
	await shot(page, 'night-form-zh-CN-1280x720');
	await expectNoAxeViolations(page);
	await page.getByTestId('tpl-save').click();
	await expect(page.getByTestId('tpl-saved')).toHaveText('已保存：夜班二 Night 2');
	const night = active.getByTestId('tpl-row').filter({ hasText: '夜班二 Night 2' });
	await expect(night.getByTestId('tpl-times')).toContainText('22:00–06:00 (+1)');
	await expect(night.getByTestId('tpl-paid')).toContainText('7:30 小时');
	await expect(night).toContainText('00:00 · 15 分钟 带薪');
	await expect(night).toContainText('02:00 · 30 分钟 不带薪');
	await expect(night).toContainText('冬季 Winter');
	await expect(page.getByTestId('tpl-preview')).toContainText('带薪 8:00 小时'); // the form is new again

	// A break that runs past the end: the preview says so, and the database refuses it in words.
	await page.getByTestId('tpl-name').fill('坏的班次 Bad');
	await page.getByTestId('tpl-starts').fill('09:00');
	await page.getByTestId('tpl-ends').fill('17:00');
	await breakRow(page, 1).getByTestId('tpl-break-offset').fill('450');
	await breakRow(page, 1).getByTestId('tpl-break-minutes').fill('60');
	const outside = '16:30 的休息（开始后 450 分钟，时长 60 分钟）不在 480 分钟的班次之内';
	await expect(page.getByTestId('tpl-preview')).toContainText(outside);
	await page.getByTestId('tpl-save').click();
	await expect(page.getByTestId('tpl-problem')).toContainText(`未保存：${outside}`);
	await expect(active.getByTestId('tpl-row').filter({ hasText: '坏的班次' })).toHaveCount(0);
	await shot(page, 'refused-zh-CN-1280x720');

	// The longest name the schema allows: 100 characters (a 101st is not taken).
	const longest = '长'.repeat(60) + 'L'.repeat(40);
	await page.getByTestId('tpl-name').fill(`${longest}X`);
	await expect(page.getByTestId('tpl-name')).toHaveValue(longest);
	await breakRow(page, 1).getByTestId('tpl-break-offset').fill('180');
	await page.getByTestId('tpl-save').click();
	await expect(page.getByTestId('tpl-saved')).toContainText(longest);
	await expect(active.getByTestId('tpl-row').filter({ hasText: longest })).toContainText('09:00–17:00');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
	await shot(page, 'longest-name-zh-CN-1280x720');
	await expectNoAxeViolations(page);

	// The day shift is on the published schedules: deleting it is refused, archiving it works.
	await page.getByRole('button', { name: '删除 白班 Day', exact: true }).click();
	await expect(page.getByTestId('tpl-refusal')).toContainText('已有排班使用此模板，不能删除');
	await page.getByTestId('tpl-archive-instead').click();
	await expect(page.getByTestId('tpl-archived').getByTestId('tpl-row')).toContainText('白班 Day');
	await expect(active.getByTestId('tpl-row').filter({ hasText: '白班 Day' })).toHaveCount(0);
	await shot(page, 'archived-zh-CN-1280x720');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: '恢复 白班 Day', exact: true }).click();
	await expect(page.getByTestId('tpl-archived')).toHaveCount(0);

	// A template nobody uses is deleted.
	await page.getByRole('button', { name: `删除 ${longest}`, exact: true }).click();
	await expect(active.getByTestId('tpl-row').filter({ hasText: longest })).toHaveCount(0);
});

test('a supervisor edits the seasons of 2027 in English and fills 2028 and 2029', async ({ page }) => {
	await signInAsDisplay(page, server.url, STAFF.supervisor.email);
	await page.goto(`${server.url}/settings/seasons/2027`);
	await page.getByTestId('locale-switch').selectOption('en');
	const periods = page.getByTestId('season-periods');
	await expect(periods.locator('tbody tr')).toHaveCount(3);
	await expect(page.getByTestId('season-covered')).toHaveText('Every day of 2027 belongs to a season.');

	// Stretching summer into October overlaps winter: refused, naming it.
	await page.getByRole('button', { name: 'Change 夏季 Summer May 1 – Sep 30' }).click();
	await page.getByTestId('period-to').fill('2027-10-15');
	await page.getByTestId('period-save').click();
	await expect(page.getByTestId('period-problem')).toHaveText(
		'These dates overlap a period of 冬季 Winter (Oct 1, 2027 – Dec 31, 2027). Periods may not overlap: shorten or remove that one first.'
	);
	await shot(page, 'seasons-overlap-en-1280x720');
	await expectNoAxeViolations(page);

	// Winter first, then summer: a later summer.
	await page.getByRole('button', { name: 'Change 冬季 Winter Oct 1 – Dec 31' }).click();
	await page.getByTestId('period-from').fill('2027-10-16');
	await page.getByTestId('period-save').click();
	await expect(page.getByTestId('season-period-2027-10-16')).toContainText('Oct 16 – Dec 31');
	await expect(page.getByTestId('season-gaps')).toContainText('Oct 1 – Oct 15');
	await page.getByRole('button', { name: 'Change 夏季 Summer May 1 – Sep 30' }).click();
	await page.getByTestId('period-to').fill('2027-10-15');
	await page.getByTestId('period-save').click();
	await expect(page.getByTestId('season-period-2027-05-01')).toContainText('May 1 – Oct 15');
	await expect(page.getByTestId('season-covered')).toBeVisible();

	// Without its first winter the year has a gap, said with its days; added back by hand.
	await page.getByRole('button', { name: 'Remove 冬季 Winter Jan 1 – Apr 30' }).click();
	await expect(page.getByTestId('season-gaps')).toContainText('Days of the year no season covers: 120');
	await expect(page.getByTestId('season-gaps')).toContainText('Jan 1 – Apr 30');
	await shot(page, 'seasons-gap-en-1280x720');
	await page.getByTestId('period-season').selectOption({ label: '冬季 Winter' });
	await page.getByTestId('period-from').fill('2027-01-01');
	await page.getByTestId('period-to').fill('2027-04-30');
	await page.getByTestId('period-save').click();
	await expect(page.getByTestId('season-covered')).toBeVisible();
	await expectNoAxeViolations(page);

	// 2028 is empty: said, and copied from 2027 with its later summer.
	await page.getByTestId('season-year-2028').click();
	await expect(page.getByTestId('season-empty')).toContainText('2028 has no seasons yet.');
	await shot(page, 'seasons-2028-empty-en-1280x720');
	await expectNoAxeViolations(page);
	await page.getByTestId('season-copy').click();
	await expect(page.getByTestId('season-period-2028-05-01')).toContainText('May 1 – Oct 15');
	await expect(page.getByTestId('season-period-2028-10-16')).toContainText('Oct 16 – Dec 31');
	await expect(page.getByTestId('season-covered')).toBeVisible();

	// 2029 from the product defaults, on the site's own winter and summer.
	await page.getByTestId('season-year-2029').click();
	await page.getByTestId('season-defaults').click();
	await expect(page.getByTestId('season-period-2029-05-01')).toContainText('夏季 Summer');
	await expect(page.getByTestId('season-period-2029-05-01')).toContainText('May 1 – Sep 30');
	await expect(page.getByTestId('season-period-2029-10-01')).toContainText('09:00–17:00');
	await expect(page.getByTestId('season-list').locator('tbody tr')).toHaveCount(2);
	await shot(page, 'seasons-2029-defaults-en-1280x720');
});

test('an agent reads both pages without a control to change them', async ({ page }) => {
	await signInAsDisplay(page, server.url, demoAgent(1).email);
	await page.goto(`${server.url}/settings/seasons/2026`);
	await expect(page.getByTestId('season-read-only')).toHaveText(
		'只读：季节和班次模板由本中心的主管、经理和管理员修改。'
	);
	await expect(page.getByTestId('season-periods').locator('tbody tr')).toHaveCount(3);
	await expect(page.getByTestId('period-form')).toHaveCount(0);
	await expect(page.getByTestId('season-form')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /修改|删除/ })).toHaveCount(0);
	await shot(page, 'seasons-agent-zh-CN-1280x720');
	await expectNoAxeViolations(page);

	await page.goto(`${server.url}/settings/shift-templates`);
	await expect(page.getByTestId('tpl-read-only')).toBeVisible();
	await expect(page.getByTestId('tpl-active').getByTestId('tpl-row').first()).toBeVisible();
	await expect(page.getByTestId('tpl-form')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /修改|归档|删除/ })).toHaveCount(0);
	await shot(page, 'templates-agent-zh-CN-1280x720');
	await expectNoAxeViolations(page);

	// Agents read schedules on phones: the list folds into one block per template.
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(page.getByTestId('tpl-active').getByTestId('tpl-row').first()).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await shot(page, 'templates-agent-zh-CN-390x844');
	await expectNoAxeViolations(page);
	await page.goto(`${server.url}/settings/seasons/2026`);
	await expect(page.getByTestId('season-periods')).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await shot(page, 'seasons-agent-zh-CN-390x844');
});

test('a wall display is told it may not see them', async ({ page }) => {
	await signInAsDisplay(page, server.url);
	await page.goto(`${server.url}/settings/shift-templates`);
	await expect(page.getByTestId('tpl-message')).toContainText('不能查看季节和班次模板');
});
