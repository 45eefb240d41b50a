// The app shell: each role's menu and start page, a deep link that survives
// signing in and a reload, a real 404, a page a role may not use said so,
// the keyboard's first stop, the admin's members, and an agent's shell on a
// phone. Staff see Attendance with a badge of what waits for them (as many
// as the database counts: the seed's pending request and open appeal, so
// never a fixed number) and its pages from there; agents see their own four
// pages. Reads the demo seed only.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, demoLead, DEMO_PASSWORD, DEMO_SITE, STAFF } from '../support/demo';
import { signInAsDisplay } from './wall-support';

/** The requests and appeals waiting for a login, as the database counts them for the badge (src/lib/shell/nav-counts.ts). */
async function waitingFor(request: APIRequestContext, email: string): Promise<number> {
	const config = (await (await request.get('/config.json')).json()) as { supabaseAnonKey: string };
	const apikey = config.supabaseAnonKey;
	const token = await request.post('/auth/v1/token?grant_type=password', {
		headers: { apikey },
		data: { email, password: DEMO_PASSWORD }
	});
	expect(token.ok()).toBe(true);
	const { access_token } = (await token.json()) as { access_token: string };
	let waiting = 0;
	for (const counter of ['attendance_requests_waiting', 'attendance_appeals_waiting']) {
		const response = await request.post(`/rest/v1/rpc/${counter}`, {
			headers: { apikey, authorization: `Bearer ${access_token}` },
			data: { site_id: DEMO_SITE }
		});
		expect(response.ok()).toBe(true);
		waiting += Number(await response.json());
	}
	return waiting;
}

/** The Attendance link's text: the label, then the badge's number and its words for screen readers (none when nothing waits). */
function attendanceLink(label: string, waiting: number, words: (n: number) => string): string {
	return waiting > 0 ? `${label}${waiting}${words(waiting)}` : label;
}

test('a supervisor lands on Today with the floor pages in the menu, and keeps a deep link through sign-in', async ({
	page,
	request
}) => {
	const waiting = await waitingFor(request, STAFF.supervisor.email);
	// Signed out, a deep link asks to sign in and comes back to it.
	await page.goto('/settings/working-days/2026');
	await expect(page.getByTestId('shell-problem')).toHaveAttribute('data-state', 'signed-out');
	await page.getByTestId('sign-in-link').click();
	await expect(page).toHaveURL(/\/login\?next=%2Fsettings%2Fworking-days%2F2026$/);
	await page.getByTestId('login-email').fill(STAFF.supervisor.email);
	await page.getByTestId('login-password').fill(DEMO_PASSWORD);
	await page.getByTestId('login-submit').click();
	await expect(page).toHaveURL(/\/settings\/working-days\/2026$/);
	await expect(page.getByTestId('nav-settings')).toHaveAttribute('aria-current', 'page');
	await page.reload();
	await expect(page.getByTestId('wd-count')).toBeVisible();

	const nav = page.getByRole('navigation', { name: '页面' });
	await expect(nav.getByRole('link')).toHaveText([
		'今日',
		'排班',
		attendanceLink('考勤', waiting, (n) => `${n} 项待处理`),
		'外呼管理',
		'质检',
		'大屏',
		'设置'
	]);
	await expect(page.getByTestId('shell-user')).toContainText('supervisor@demo.local · 主管');

	// The keyboard's first stop skips the menu.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: '跳到正文' })).toBeFocused();

	await page.getByTestId('nav-attendance').click();
	await expect(page).toHaveURL(/\/attendance$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('今日考勤');
	await expect(page.getByRole('navigation', { name: '考勤页面' }).getByRole('link')).toHaveText([
		'申请审批',
		'申诉',
		'导入打卡记录',
		'月度报表'
	]);
	await page.screenshot({ path: 'test-results/screenshots/shell-supervisor-zh-CN.png' });
	await expectNoAxeViolations(page);

	await page.getByTestId('sign-out').click();
	await expect(page).toHaveURL(/\/login$/);
});

test('home sends each role to its own page', async ({ page }) => {
	await signInAsDisplay(page, '', STAFF.display.email);
	await expect(page).toHaveURL(/\/wall$/);
	await page.context().clearCookies();
	await page.evaluate(() => localStorage.clear());
	await signInAsDisplay(page, '', demoAgent(1).email);
	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByTestId('myday-shift')).toBeVisible();
});

test('an unknown route is a real 404, and a page a role may not use says so', async ({ page }) => {
	const answer = await page.goto('/no/such/page');
	expect(answer?.status()).toBe(404);
	await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '404');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('页面不存在');
	await expect(page.getByTestId('error-page')).toContainText('/no/such/page');
	await page.screenshot({ path: 'test-results/screenshots/shell-404-zh-CN.png' });
	await expectNoAxeViolations(page);

	await signInAsDisplay(page, '', demoAgent(2).email);
	await page.goto('/members');
	await expect(page.getByTestId('not-allowed')).toContainText('管理员');
	await page.goto('/schedules');
	await expect(page.getByTestId('not-allowed')).toContainText('坐席');
	await expectNoAxeViolations(page);
});

test('an admin lists the members with their emails and roles, in English', async ({ browser, request }) => {
	const waiting = await waitingFor(request, STAFF.admin.email);
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await signInAsDisplay(page, '', STAFF.admin.email);
	await page.getByTestId('nav-members').click();
	const table = page.getByTestId('members');
	await expect(table).toContainText('display@demo.local');
	await expect(table.getByRole('row').filter({ hasText: demoLead(1).email })).toContainText('team lead');
	await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link')).toHaveText([
		'Today',
		'Schedules',
		attendanceLink('Attendance', waiting, (n) => `${n} waiting`),
		'Outbound',
		'QA',
		'Wallboards',
		'Settings',
		'Members'
	]);
	await page.screenshot({ path: 'test-results/screenshots/shell-members-en.png' });
	await expectNoAxeViolations(page);
	await context.close();
});

test('an agent’s shell on a phone folds the menu and never scrolls sideways', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
	const page = await context.newPage();
	await signInAsDisplay(page, '', demoAgent(3).email);
	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByTestId('nav-my-schedule')).toBeHidden();
	await page.getByTestId('menu-button').click();
	await expect(page.getByTestId('menu-button')).toHaveAttribute('aria-expanded', 'true');
	await expect(page.getByRole('navigation', { name: '页面' }).getByRole('link')).toHaveText([
		'我的今天',
		'我的排班',
		'我的考勤',
		'我的申请'
	]);
	await page.screenshot({ path: 'test-results/screenshots/shell-agent-menu-390x844.png' });
	await expectNoAxeViolations(page);
	await page.getByTestId('nav-my-schedule').click();
	await expect(page).toHaveURL(/\/me\/schedule$/);
	await expect(page.getByTestId('menu-button')).toHaveAttribute('aria-expanded', 'false');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await context.close();
});
