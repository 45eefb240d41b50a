// Monthly statements and the ranking end to end, on a server of this file's
// own (the fixture adds confirmed visits and deals): the manager's ranking
// with the cut line drawn where the SQL puts it and explained as shown only;
// the outbound team's statements side by side with no customer in sight; a
// caller's own statement on a phone, each line in words. Axe in Chinese and
// English on each page, screenshots of each.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, demoAgent, STAFF, TEAM } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';
const CUSTOMER = 'E2E结算客户';

let server: WallServer;

interface Ranked {
	rank: number;
	employee_no: string;
	below_cut: boolean;
	cut_after_rank: number | null;
}

/** Rows written with the service key, as the phone system's side would (RLS does not apply). */
async function serviceInsert(table: string, rows: unknown[]): Promise<{ id: string }[]> {
	const response = await fetch(`${server.url}/rest/v1/${table}`, {
		method: 'POST',
		headers: {
			apikey: server.serviceKey,
			authorization: `Bearer ${server.serviceKey}`,
			'content-type': 'application/json',
			prefer: 'return=representation'
		},
		body: JSON.stringify(rows)
	});
	const body = await response.text();
	if (!response.ok) throw new Error(`insert into ${table} answered ${response.status}: ${body}`);
	return JSON.parse(body) as { id: string }[];
}

/** Callers 31–38 get 24, 21, … 3 confirmed visits this month; 31 one villa deal, 32 two high-rise deals. */
async function addVisits(): Promise<void> {
	const callers = [31, 32, 33, 34, 35, 36, 37, 38].map(demoAgent);
	const leads = await serviceInsert(
		'leads',
		callers.map((caller, i) => ({
			site_id: DEMO_SITE,
			owner_agent_id: caller.agentId,
			customer_name: `${CUSTOMER}${i + 1}`,
			phone: `1370000${String(i + 1).padStart(4, '0')}`,
			source: 'own_project'
		}))
	);
	const now = Date.now();
	const invitations = callers.flatMap((caller, i) =>
		Array.from({ length: 24 - 3 * i }, (_, j) => {
			const at = new Date(now - (j + 1) * 60_000).toISOString();
			const deal = (i === 0 && j === 0) || (i === 1 && j < 2);
			return {
				site_id: DEMO_SITE,
				agent_id: caller.agentId,
				lead_id: leads[i]?.id,
				appointment_at: at,
				status: 'visited',
				visited_at: at,
				confirmed_at: at,
				deal_product: deal ? (i === 0 ? 'villa' : 'high_rise') : null,
				deal_at: deal ? at : null
			};
		})
	);
	await serviceInsert('invitations', invitations);
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	await addVisits();
});

test.afterAll(async () => {
	await server?.dispose();
});

async function signedIn(browser: Browser, email: string, viewport: typeof PHONE, locale = 'zh-CN'): Promise<Page> {
	const context = await browser.newContext({ viewport, locale });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, email);
	return page;
}

/** The month's ranking as the API gives it to the manager. */
async function ranking(): Promise<Ranked[]> {
	const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
	const response = await server.restAs(STAFF.manager.email, 'rpc/outbound_ranking', {
		method: 'POST',
		body: { site_id: DEMO_SITE, month: `${month}-01` }
	});
	expect(response.ok).toBe(true);
	return (await response.json()) as Ranked[];
}

async function expectNoSideScroll(page: Page, width: number): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test('the manager sees the ranking with the cut line where the rule puts it, shown only', async ({ browser }) => {
	const expected = await ranking();
	const firstBelow = expected.findIndex((r) => r.below_cut);
	expect(expected.length).toBeGreaterThan(6);
	expect(firstBelow).toBeGreaterThan(0);

	const page = await signedIn(browser, STAFF.manager.email, DESK);
	await page.goto(`${server.url}/outbound/ranking`);
	await expect(page.getByRole('heading', { level: 1, name: '月度排名' })).toBeVisible();
	const rows = page.getByTestId('ranking-row');
	await expect(rows).toHaveCount(expected.length);
	await expect(rows.first()).toContainText(expected[0]?.employee_no ?? '?');
	// The cut line sits right before the first caller ranked below it, and says it is only shown.
	const cutLine = page.getByTestId('cut-line');
	await expect(cutLine).toHaveCount(1);
	await expect(cutLine).toContainText(`第 ${expected[0]?.cut_after_rank} 名以后`);
	await expect(cutLine).toContainText('仅显示，不做任何处理');
	const firstBelowRow = page.locator('[data-testid="cut-line"] + tr');
	await expect(firstBelowRow).toContainText(expected[firstBelow]?.employee_no ?? '?');
	await expect(firstBelowRow).toHaveAttribute('data-below', 'true');
	await expect(page.locator('[data-testid="ranking-row"][data-below="true"]')).toHaveCount(
		expected.filter((r) => r.below_cut).length
	);
	await expect(page.getByTestId('cut-note')).toContainText('系统不会据此做任何处理');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/statements-ranking-manager-zh.png`, fullPage: true });

	const english = await signedIn(browser, STAFF.manager.email, DESK, 'en-US');
	await english.goto(`${server.url}/outbound/ranking`);
	await expect(english.getByRole('heading', { level: 1, name: 'Monthly ranking' })).toBeVisible();
	await expect(english.getByTestId('cut-line')).toContainText('shown only, nothing happens to anyone');
	await expectNoAxeViolations(english);
	await english.screenshot({ path: `${SHOTS}/statements-ranking-manager-en.png`, fullPage: true });
});

test('the manager reads the outbound team’s statements side by side, without customers', async ({ browser }) => {
	const page = await signedIn(browser, STAFF.manager.email, DESK);
	await page.goto(`${server.url}/outbound/statements?team=${TEAM.outbound}`);
	await expect(page.getByRole('heading', { level: 1, name: '团队奖罚一览' })).toBeVisible();
	const grid = page.getByTestId('team-statement-grid');
	await expect(grid).toBeVisible();
	await expect(page.getByTestId('grid-agent')).toHaveCount(10);
	await expect(grid.locator('tr[data-rule="deal_bonus:villa"]')).toContainText('+500 元');
	await expect(grid.locator('tr[data-rule="monthly_target"]')).toBeVisible();
	await expect(page.locator('body')).not.toContainText(CUSTOMER);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/statements-team-manager-zh.png`, fullPage: true });
	// Each caller's lines in words below the grid.
	await page.getByTestId('agent-details').first().locator('summary').click();
	await expect(page.getByTestId('agent-details').first().getByTestId('statement-line').first()).toBeVisible();
	await expectNoAxeViolations(page);

	const english = await signedIn(browser, STAFF.manager.email, DESK, 'en-US');
	await english.goto(`${server.url}/outbound/statements?team=${TEAM.outbound}`);
	await expect(english.getByRole('heading', { level: 1, name: 'Team statements' })).toBeVisible();
	await expect(english.getByTestId('team-statement-grid')).toContainText('Deal bonus (villa)');
	await expectNoAxeViolations(english);
	await english.screenshot({ path: `${SHOTS}/statements-team-manager-en.png`, fullPage: true });
});

test('a caller reads their statement on a phone, and the team’s amounts', async ({ browser }) => {
	const caller = demoAgent(31);
	const page = await signedIn(browser, caller.email, PHONE);
	await page.goto(`${server.url}/me/statement`);
	await expect(page.getByRole('heading', { level: 1, name: '我的奖罚明细' })).toBeVisible();
	const villa = page.locator('[data-testid="statement-line"][data-rule="deal_bonus"]', { hasText: '别墅' });
	await expect(villa).toContainText('+500 元');
	await expect(villa).toContainText('成交 1 套，500 元');
	await expect(page.locator('[data-testid="statement-line"][data-rule="monthly_target"]')).toContainText('确认到访');
	await expect(page.getByTestId('statement-totals')).toBeVisible();
	await expectNoSideScroll(page, PHONE.width);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/statements-me-phone-zh.png`, fullPage: true });

	// The team's statements: amounts of every team mate, never a customer.
	await page.getByRole('link', { name: '查看团队奖罚一览' }).click();
	await expect(page.getByTestId('team-statement-grid')).toBeVisible();
	await expect(page.locator('body')).not.toContainText(CUSTOMER);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/statements-team-phone-zh.png`, fullPage: true });

	const english = await signedIn(browser, caller.email, PHONE, 'en-US');
	await english.goto(`${server.url}/me/statement`);
	await expect(english.getByRole('heading', { level: 1, name: 'My statement' })).toBeVisible();
	await expect(english.locator('[data-testid="statement-line"][data-rule="deal_bonus"]').first()).toBeVisible();
	await expectNoSideScroll(english, PHONE.width);
	await expectNoAxeViolations(english);
	await english.screenshot({ path: `${SHOTS}/statements-me-phone-en.png`, fullPage: true });
});

test('a manager adds a rule version; a bad number is refused in words', async ({ browser }) => {
	const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
	const page = await signedIn(browser, STAFF.manager.email, DESK);
	await page.goto(`${server.url}/outbound/ranking`);
	await page.getByRole('link', { name: '奖罚规则' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '奖罚规则' })).toBeVisible();
	await expect(page.getByTestId('rule-group')).toHaveCount(10);
	await page.getByTestId('rule-select').selectOption('monthly_ranking');
	await page.getByTestId('rule-from').fill(tomorrow);
	const cut = page.locator('input[data-param="cut_after_rank"]');
	await expect(cut).toHaveValue('6');
	await cut.fill('2.5');
	await page.getByRole('button', { name: '保存版本' }).click();
	await expect(page.getByTestId('rule-problem')).toHaveText(
		'未保存：分割线（第几名以后）必须是 1 到 1000 之间的整数。'
	);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/statements-rules-refused-zh.png`, fullPage: true });
	await cut.fill('8');
	await page.getByRole('button', { name: '保存版本' }).click();
	await expect(page.getByRole('status')).toHaveText('已保存。');
	const group = page.locator('[data-testid="rule-group"][data-rule="monthly_ranking"]');
	await expect(group.getByTestId('rule-version')).toHaveCount(2);
	await expect(group.getByTestId('rule-version').first()).toContainText('即将生效');

	const english = await signedIn(browser, STAFF.manager.email, DESK, 'en-US');
	await english.goto(`${server.url}/settings/incentives`);
	await expect(english.getByRole('heading', { level: 1, name: 'Incentive rules' })).toBeVisible();
	await expectNoAxeViolations(english);
	await english.screenshot({ path: `${SHOTS}/statements-rules-en.png`, fullPage: true });
});
