// The leave balances panel on the staff's page of an agent, on a server of
// this file's own. The supervisor, in Chinese, grants agent04 2.5 days of
// annual leave with a reason and sees the balance rise by exactly that (read
// before, compared after: the seed's number is not assumed), in the ledger
// history too; a take-back that would leave the balance below zero is
// refused in words with the balance unchanged and nothing typed lost; the
// agent finds the new balance on /me/requests. lead1, in English, reads the
// panel without the form; the manager, in English, meets the same refusal.
// Axe with the history open, screenshots in both languages, no sideways
// scrolling at 1280×720.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, demoLead, STAFF } from '../support/demo';
import { signedInPage } from './signed-in';
import { WallServer } from './wall-support';

const DESK = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
const SHOTS = 'test-results/screenshots';
/** Team 1's agent, so lead1 reads them. */
const AGENT = demoAgent(4);
const DAY_MIN = 480;

let server: WallServer;

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

/** agent04's annual balance in minutes, as the database gives it to the supervisor. */
async function annualBalance(): Promise<number> {
	const response = await server.restAs(STAFF.supervisor.email, 'rpc/leave_balances', {
		method: 'POST',
		body: { agent_id: AGENT.agentId }
	});
	expect(response.ok).toBe(true);
	const rows = (await response.json()) as { leave_type: string; balance_min: number }[];
	const annual = rows.find((r) => r.leave_type === 'annual');
	if (!annual) throw new Error('no annual balance');
	return annual.balance_min;
}

/** "7.5 天（60 小时）": a balance on a half-day, as the panel writes it in Chinese. */
const zhDays = (minutes: number) => `${minutes / DAY_MIN} 天（${minutes / 60} 小时）`;
const enDays = (minutes: number) => `${minutes / DAY_MIN} d (${minutes / 60} h)`;

async function openAgent(page: Page): Promise<void> {
	await page.goto(`${server.url}/attendance/agent/${AGENT.agentId}`);
	await expect(page.getByTestId('leave-panel')).toBeVisible();
}

async function expectNoSideScroll(page: Page): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(DESK.width);
}

test('the supervisor grants 2.5 days of annual leave; a take-back below zero is refused', async ({ browser }) => {
	test.setTimeout(120_000);
	const before = await annualBalance();
	const page = await signedIn(browser, STAFF.supervisor.email, 'zh-CN');
	await openAgent(page);
	const panel = page.getByTestId('leave-panel');
	await expect(panel.getByRole('heading', { name: '假期余额' })).toBeVisible();
	await expect(panel).toContainText('1 天按 8 小时（480 分钟）计');
	const annual = panel.getByTestId('leave-balance-annual');
	await expect(annual).toHaveAttribute('data-minutes', String(before));
	await expect(panel.getByTestId('leave-balance-compensatory')).toContainText('调休');
	await expect(panel.getByTestId('leave-balance-visit_half_day')).toContainText('到访奖励半天假');

	// A typing slip is caught before anything is sent.
	const form = page.getByTestId('leave-grant-form');
	await form.getByTestId('leave-grant-amount').fill('0.3');
	await form.getByTestId('leave-grant-reason').fill('e2e：补发 2026 年度年假');
	await form.getByTestId('leave-grant-submit').click();
	await expect(form.getByTestId('leave-grant-problem')).toHaveText('请按半个单位填写：0.5、1、1.5 等。');

	await form.getByTestId('leave-grant-amount').fill('2.5');
	await expect(form.getByTestId('leave-grant-preview')).toContainText('+2.5 天（20 小时）');
	await form.getByTestId('leave-grant-submit').click();
	await expect(annual).toHaveAttribute('data-minutes', String(before + 1200));
	expect(await annualBalance()).toBe(before + 1200);
	if ((before + 1200) % 240 === 0)
		await expect(annual.getByTestId('leave-balance-left')).toHaveText(zhDays(before + 1200));
	await expect(form.getByTestId('leave-grant-amount')).toHaveValue('');
	await expect(form.getByTestId('leave-grant-problem')).toHaveCount(0);

	// The history, newest first: this grant, by the supervisor, with its reason.
	const history = page.getByTestId('leave-history');
	await history.locator('summary').click();
	const newest = history.getByTestId('leave-history-entry').first();
	await expect(newest).toContainText('年假');
	await expect(newest).toContainText('+2.5 天（20 小时）');
	await expect(newest).toContainText('e2e：补发 2026 年度年假');
	await expect(newest).toContainText('运营主管 Supervisor');

	// Taking back half a day more than is left: refused, nothing changes, nothing typed is lost.
	const after = before + 1200;
	const tooMuch = String(Math.floor(after / 240) / 2 + 0.5);
	await form.getByTestId('leave-grant-take').check();
	await form.getByTestId('leave-grant-amount').fill(tooMuch);
	await form.getByTestId('leave-grant-reason').fill('e2e：多发收回');
	await form.getByTestId('leave-grant-submit').click();
	const problem = form.getByTestId('leave-grant-problem');
	await expect(problem).toContainText('收回后余额将小于零');
	if (after % 240 === 0) await expect(problem).toContainText(`当前余额 ${zhDays(after)}`);
	expect(await annualBalance()).toBe(after);
	await expect(annual).toHaveAttribute('data-minutes', String(after));
	await expect(form.getByTestId('leave-grant-amount')).toHaveValue(tooMuch);
	await expect(form.getByTestId('leave-grant-reason')).toHaveValue('e2e：多发收回');
	await expect(form.getByTestId('leave-grant-take')).toBeChecked();
	await expect(history.getByTestId('leave-history-entry').first()).toContainText('+2.5 天（20 小时）');

	await expectNoSideScroll(page);
	await page.screenshot({ path: `${SHOTS}/leave-balances-zh-CN-1280x720.png` });
	await panel.screenshot({ path: `${SHOTS}/leave-balances-panel-zh-CN-1280x720.png` });
	await expectNoAxeViolations(page);

	// The agent reads the new balance among their requests, on their phone.
	const agent = await signedInPage(browser, server.url, AGENT.email, { viewport: PHONE, locale: 'zh-CN' });
	await agent.goto(`${server.url}/me/requests`);
	await expect(agent.getByTestId('balance-annual')).toContainText(after % 240 === 0 ? `剩余 ${zhDays(after)}` : '年假');
	await agent.getByTestId('leave-balances').screenshot({ path: `${SHOTS}/leave-balances-me-zh-CN-390x844.png` });
	expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	await agent.context().close();
	await page.context().close();
});

test('a team lead reads the panel without the form', async ({ browser }) => {
	test.setTimeout(90_000);
	const balance = await annualBalance();
	const page = await signedIn(browser, demoLead(1).email, 'en-US');
	await openAgent(page);
	const panel = page.getByTestId('leave-panel');
	await expect(panel.getByRole('heading', { name: 'Leave balances' })).toBeVisible();
	await expect(panel.getByTestId('leave-balance-annual')).toHaveAttribute('data-minutes', String(balance));
	if (balance % 240 === 0) await expect(panel.getByTestId('leave-balance-left').first()).toHaveText(enDays(balance));
	await expect(page.getByTestId('leave-grant-form')).toHaveCount(0);
	await expect(panel.getByTestId('leave-read-only')).toHaveText(
		"The site's supervisors, managers and admins grant or take back leave."
	);
	await page.getByTestId('leave-history').locator('summary').click();
	await expect(page.getByTestId('leave-history-entry').first()).toBeVisible();
	await expectNoSideScroll(page);
	await panel.screenshot({ path: `${SHOTS}/leave-balances-lead-en-1280x720.png` });
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('the manager in English meets the same refusal in words', async ({ browser }) => {
	test.setTimeout(90_000);
	const balance = await annualBalance();
	const page = await signedIn(browser, STAFF.manager.email, 'en-US');
	await openAgent(page);
	const form = page.getByTestId('leave-grant-form');
	await form.getByTestId('leave-grant-take').check();
	await form.getByTestId('leave-grant-unit').selectOption('hours');
	// Half an hour more than the balance, whatever it is.
	await form.getByTestId('leave-grant-amount').fill(String(Math.floor(balance / 30) / 2 + 0.5));
	await form.getByTestId('leave-grant-reason').fill('e2e: one half-hour too many');
	await form.getByTestId('leave-grant-submit').click();
	await expect(form.getByTestId('leave-grant-problem')).toContainText('taking this back would leave it below zero');
	expect(await annualBalance()).toBe(balance);
	await page.getByTestId('leave-history').locator('summary').click();
	await expectNoSideScroll(page);
	await page.getByTestId('leave-panel').screenshot({ path: `${SHOTS}/leave-balances-en-1280x720.png` });
	await expectNoAxeViolations(page);
	await page.context().close();
});
