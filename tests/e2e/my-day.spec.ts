// My day (/me) end to end, on a server of this file's own (it ingests calls):
// agent31, an outbound caller with a long name, on a phone sees today's
// connected calls against the daily target of 100, the week's and month's
// visits against theirs, the rank in the team, the trend and the month's
// rewards and penalties; a call the phone system reports then moves the
// figures on the open page without a reload. agent01, an inbound agent, sees
// answered calls, handle time and service level on a laptop. Axe in zh-CN
// and en-US, screenshots of each.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, QUEUE } from '../support/demo';
import { ago, eventFactory, secondsIntoShanghaiDay, signInAsDisplay, WallServer } from './wall-support';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';
const LONG_NAME = '欧阳慕容司马·Alexandrina Konstantinopoulou-Wijayawardena';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

/** A REST call with the service key (the test's own fixture changes). */
async function asService(pathAndQuery: string, init: { method: string; body?: unknown }): Promise<void> {
	const response = await fetch(`${server.url}/rest/v1/${pathAndQuery}`, {
		method: init.method,
		headers: {
			apikey: server.serviceKey,
			authorization: `Bearer ${server.serviceKey}`,
			'content-type': 'application/json'
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	if (!response.ok) throw new Error(`${pathAndQuery} answered ${response.status}: ${await response.text()}`);
}

interface Period {
	period: string;
	connected: number;
	visits: number;
	target: number | null;
	team_rank: number | null;
	team_size: number | null;
}

/** The figures as the API hands them to the agent themself. */
async function figuresOf(email: string, agentId: string): Promise<Record<string, Period>> {
	const response = await server.restAs(email, 'rpc/my_stats', { method: 'POST', body: { agent_id: agentId } });
	expect(response.ok).toBe(true);
	const rows = (await response.json()) as Period[];
	return Object.fromEntries(rows.map((r) => [r.period, r]));
}

async function signedIn(browser: Browser, email: string, viewport: typeof PHONE, locale = 'zh-CN'): Promise<Page> {
	const context = await browser.newContext({ viewport, locale });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, email);
	return page;
}

/** Nothing wider than the screen (a phone scrolls down, never sideways). */
async function expectNoSideScroll(page: Page, width: number): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/**
 * The page's own content fits the screen. (At 1280 px in English the shell's
 * top bar, with every agent page in it, is wider than the screen: the
 * shell's, not this page's, to fix.)
 */
async function expectContentFits(page: Page, width: number): Promise<void> {
	const main = await page.evaluate(() => {
		const el = document.querySelector('main');
		return el ? { right: el.getBoundingClientRect().right, scroll: el.scrollWidth, client: el.clientWidth } : null;
	});
	expect(main).not.toBeNull();
	expect(main!.right).toBeLessThanOrEqual(width);
	expect(main!.scroll).toBeLessThanOrEqual(main!.client);
}

/** Seconds back from now that are still inside today's Shanghai day (at least a minute in). */
function todayOffsets(count: number): number[] {
	const room = Math.max(60, secondsIntoShanghaiDay() - 60);
	return Array.from({ length: count }, (_, i) => Math.max(5, Math.floor((room * (i + 1)) / (count + 1))));
}

test('an outbound caller’s figures on a phone move live as calls come in', async ({ browser }) => {
	test.setTimeout(120_000);
	const caller = demoAgent(31);
	await asService(`agents?id=eq.${caller.agentId}`, { method: 'PATCH', body: { display_name: LONG_NAME } });
	// Today so far: three calls dialed, two connected.
	const e = eventFactory(`myday-${Date.now()}`);
	const now = Date.now();
	const [t1, t2, t3] = todayOffsets(3) as [number, number, number];
	await server.ingest([
		e.dialed('MD-1', caller.agentId, ago(now, t3)),
		e.connected('MD-1', caller.agentId, ago(now, t3 - 4)),
		e.dialed('MD-2', caller.agentId, ago(now, t2)),
		e.dialed('MD-3', caller.agentId, ago(now, t1)),
		e.connected('MD-3', caller.agentId, ago(now, t1 - 4))
	]);
	const before = await figuresOf(caller.email, caller.agentId);
	expect(before.today?.connected).toBe(2);
	expect(before.today?.target).toBe(100);
	const week = before.week!;
	const month = before.month!;

	const page = await signedIn(browser, caller.email, PHONE);
	await page.goto(`${server.url}/me`);
	await expect(page.locator('.date')).toContainText(LONG_NAME);
	await expect(page.getByTestId('myday-target-today-value')).toHaveText('2 / 100');
	await expect(page.getByTestId('myday-target-today')).toContainText('还差 98');
	await expect(page.getByTestId('myday-target-week-value')).toHaveText(`${week.visits} / ${week.target}`);
	await expect(page.getByTestId('myday-target-month-value')).toHaveText(`${month.visits} / ${month.target}`);
	await expect(page.getByTestId('myday-connected-today')).toHaveText('2');
	await expect(page.getByTestId('myday-dialed-today')).toHaveText('3');
	await expect(page.getByTestId('myday-rank')).toContainText(
		`本月组内排名：第 ${month.team_rank} 名，共 ${month.team_size} 人`
	);
	await expect(page.getByTestId('myday-trend-summary')).toContainText('共 2 通');
	await expect(page.getByTestId('myday-statement')).toContainText('月度目标');
	await expect(page.getByTestId('myday-shift')).toBeVisible();
	await expect(page.getByTestId('myday-attendance')).toBeVisible();
	await expect(page.getByTestId('myday-requests-count')).toHaveText('没有等待审批的申请');

	// Live: the page follows agent31's topic; mark it so that a reload would show.
	await expect(page.getByTestId('myday-live')).toHaveAttribute('data-live', 'joined');
	await page.evaluate(() => Object.assign(window, { myDayNotReloaded: true }));
	await page.screenshot({ path: `${SHOTS}/my-day-outbound-zh-CN-390x844.png`, fullPage: true });
	await expectNoSideScroll(page, PHONE.width);
	await expectNoAxeViolations(page);

	await server.ingest([
		e.dialed('MD-4', caller.agentId, ago(Date.now(), 3)),
		e.connected('MD-4', caller.agentId, ago(Date.now(), 1))
	]);
	await expect(page.getByTestId('myday-target-today-value')).toHaveText('3 / 100');
	await expect(page.getByTestId('myday-connected-today')).toHaveText('3');
	await expect(page.getByTestId('myday-dialed-today')).toHaveText('4');
	await expect(page.getByTestId('myday-trend-summary')).toContainText('共 3 通');
	expect(await page.evaluate(() => 'myDayNotReloaded' in window)).toBe(true);
	await page.screenshot({ path: `${SHOTS}/my-day-outbound-live-zh-CN-390x844.png`, fullPage: true });

	// The trend as a table, for anyone who would rather read it.
	await page.getByText('以表格显示').click();
	await expect(page.getByTestId('myday-trend-table').locator('tbody tr')).toHaveCount(30);
	await expect(page.getByTestId('myday-trend-table').locator('tbody tr').last()).toContainText('3');
	await expectNoAxeViolations(page);

	// In English, at a laptop.
	const en = await signedIn(browser, caller.email, DESK, 'en-US');
	await en.goto(`${server.url}/me`);
	await expect(en.getByTestId('myday-target-today')).toContainText('Connected calls today');
	await expect(en.getByTestId('myday-target-today-value')).toHaveText('3 of 100');
	await expect(en.getByTestId('myday-target-today')).toContainText('97 to go');
	await expect(en.getByTestId('myday-live')).toHaveAttribute('data-live', 'joined');
	await en.screenshot({ path: `${SHOTS}/my-day-outbound-en-1280x720.png`, fullPage: true });
	await expectContentFits(en, DESK.width);
	await expectNoAxeViolations(en);
});

test('an inbound agent sees answered calls, handle time and service level', async ({ browser }) => {
	const agent = demoAgent(1);
	// Two calls of the sales hotline (service level within 15 s): one answered after 10 s (within),
	// talk 110 s, hold 10 s, wrap-up 30 s; one after 20 s, talk 60 s, wrap-up 10 s. AHT 110 s = 1:50.
	const e = eventFactory(`myday-in-${Date.now()}`);
	const now = Date.now();
	const [a, b] = todayOffsets(2).map((s) => Math.max(s, 400)) as [number, number];
	await server.ingest([
		e.offered('MI-1', QUEUE.sales, ago(now, b)),
		e.answered('MI-1', QUEUE.sales, agent.agentId, ago(now, b - 10)),
		e.ended('MI-1', QUEUE.sales, agent.agentId, ago(now, b - 130), 110, 10),
		e.wrapped('MI-1', QUEUE.sales, agent.agentId, ago(now, b - 160)),
		e.offered('MI-2', QUEUE.sales, ago(now, a)),
		e.answered('MI-2', QUEUE.sales, agent.agentId, ago(now, a - 20)),
		e.ended('MI-2', QUEUE.sales, agent.agentId, ago(now, a - 80), 60, 0),
		e.wrapped('MI-2', QUEUE.sales, agent.agentId, ago(now, a - 90))
	]);

	const page = await signedIn(browser, agent.email, DESK);
	await page.goto(`${server.url}/me`);
	await expect(page.getByTestId('myday-answered-today')).toHaveText('2');
	await expect(page.getByTestId('myday-aht-today')).toHaveText('1:50');
	await expect(page.getByTestId('myday-sl-today')).toHaveText('50%');
	await expect(page.getByTestId('myday-csat-today')).toHaveText('—');
	await expect(page.getByTestId('myday-target-today')).toHaveCount(0);
	await expect(page.getByTestId('myday-statement')).toHaveCount(0);
	await expect(page.getByTestId('myday-rank')).toContainText('按接听量排名');
	await expect(page.getByTestId('myday-live')).toHaveAttribute('data-live', 'joined');
	await page.screenshot({ path: `${SHOTS}/my-day-inbound-zh-CN-1280x720.png`, fullPage: true });
	await expectNoSideScroll(page, DESK.width);
	await expectNoAxeViolations(page);

	const phone = await signedIn(browser, agent.email, PHONE, 'en-US');
	await phone.goto(`${server.url}/me`);
	await expect(phone.getByTestId('myday-row-aht')).toContainText('Average handle time');
	await expect(phone.getByTestId('myday-aht-today')).toHaveText('1:50');
	await phone.screenshot({ path: `${SHOTS}/my-day-inbound-en-390x844.png`, fullPage: true });
	await expectNoSideScroll(phone, PHONE.width);
	await expectNoAxeViolations(phone);
});
