// Publishing reaches agents, end to end on a server of this file's own (it
// publishes): agent01 has the week after next open on a phone — not
// published yet — while the supervisor, in a second browser at 1280×720,
// publishes the seed's draft of that week in the rota editor (with a reason:
// it breaks two rules on purpose). The agent's page shows the week and says
// it was updated, without a reload; a publish of another week (through the
// API as the supervisor) is said with a link to it. The .ics download is
// read back with ical.js. The print view of a team week at 1280×720 and in
// print media (and as an A4 PDF), refused to agents and other teams' leads.
// zh-CN and en, axe on every page.
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expectNoAxeViolations } from './axe';
import { demoAgent, demoLead, STAFF, TEAM } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';

/** The Monday of the Shanghai week `weeks` from this one. */
function monday(weeks = 0): string {
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
	const ms = Date.parse(`${today}T00:00:00Z`) - ((weekday + 6) % 7) * 86_400_000 + weeks * 7 * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
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

/** An RPC as a demo user, through the API the app uses. */
async function rpcAs(email: string, fn: string, args: Record<string, unknown>): Promise<unknown> {
	const response = await server.restAs(email, `rpc/${fn}`, { method: 'POST', body: args });
	const body = await response.text();
	if (!response.ok) throw new Error(`${fn} answered ${response.status}: ${body}`);
	return JSON.parse(body);
}

/** A new version of Hotline A's week, copied from the published one and published as the supervisor. */
async function publishAgain(week: string, reason?: string): Promise<void> {
	const draft = (await rpcAs(STAFF.supervisor.email, 'create_schedule_draft', {
		team_id: TEAM.hotlineA,
		week_start: week
	})) as { id: string; revision: number };
	await rpcAs(STAFF.supervisor.email, 'publish_schedule', {
		schedule_id: draft.id,
		expected_revision: draft.revision,
		override_reason: reason
	});
}

test('an agent sees a week published while the page is open, without a reload, and takes it to a calendar', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const week = monday(2); // the seed's draft
	const agent = await signedIn(browser, demoAgent(1).email, PHONE);
	await agent.goto(`${server.url}/me/schedule/${week}`);
	await expect(agent.getByTestId('my-not-published')).toHaveText('本周排班尚未发布。');
	await expect(agent.locator('main')).toHaveAttribute('data-live', 'joined');
	// A reload would lose this.
	await agent.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

	// The supervisor publishes the draft in the rota editor, with a reason for its two violations.
	const supervisor = await signedIn(browser, STAFF.supervisor.email, DESK);
	await supervisor.goto(`${server.url}/schedules/${TEAM.hotlineA}/${week}`);
	await expect(supervisor.getByTestId('rota-status')).toHaveAttribute('data-status', 'draft');
	await supervisor.getByTestId('rota-publish').click();
	await supervisor.getByTestId('publish-reason').fill('开放日加班，已获批准');
	await supervisor.getByTestId('publish-confirm').click();
	await expect(supervisor.getByTestId('rota-status')).toHaveAttribute('data-status', 'published');

	// agent01 works all seven days of the seed's draft (one of its violations).
	await expect(agent.getByTestId('my-total')).toHaveText('本周计薪工时：56:00', { timeout: 15_000 });
	await expect(agent.getByTestId('publish-notice')).toHaveText(/本周排班刚刚更新（第 1 版）。/);
	await expect(agent.getByTestId(`my-day-${week}`)).toContainText('早班 Early');
	expect(await agent.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	await agent.screenshot({ path: `${SHOTS}/publish-live-zh-CN-390x844.png`, fullPage: true });
	await expectNoAxeViolations(agent);

	// Another week published (next week's version 2, through the API as the supervisor): said, with a link.
	await publishAgain(monday(1));
	await expect(agent.getByTestId('publish-notice')).toContainText('当周的排班刚刚发布（第 2 版）。');
	await agent.getByTestId('publish-notice-show').click();
	await expect(agent).toHaveURL(new RegExp(`/me/schedule/${monday(1)}$`));
	await expect(agent.getByTestId('my-total')).toHaveText('本周计薪工时：40:00');
	expect(await agent.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

	// The calendar file: every published shift of agent01 from this week on, in Shanghai time.
	const [download] = await Promise.all([
		agent.waitForEvent('download'),
		agent.getByTestId('calendar-download').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^callboard-.+\.ics$/);
	const text = readFileSync(await download.path(), 'utf8');
	const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
	for (const vtz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	// Five days this week and next, seven the week after.
	expect(events).toHaveLength(17);
	expect(new Set(events.map((e) => e.uid)).size).toBe(17);
	const first = events.find((e) => e.uid === `shift-${demoAgent(1).agentId}-${monday()}-1@callboard`);
	expect(first?.summary).toBe('早班 Early');
	expect(first?.startDate.toString()).toBe(`${monday()}T08:00:00`);
	expect(first?.startDate.toJSDate().toISOString()).toBe(`${monday()}T00:00:00.000Z`);
	expect(first?.description).toContain('休息：10:00 15 分钟（计薪）');
	// Next week's shifts come from version 2: a newer SEQUENCE under the same UIDs.
	const nextWeek = events.filter((e) => {
		const start = e.startDate.toString();
		return start >= monday(1) && start < monday(2);
	});
	expect(nextWeek.map((e) => e.sequence)).toEqual([2, 2, 2, 2, 2]);
	await expect(agent.getByTestId('calendar-said')).toHaveText(/已下载 .+ 当周起的 17 个班次。/);

	// English.
	// The language is the shell's, behind the menu on a phone.
	await agent.getByTestId('menu-button').click();
	await agent.getByTestId('locale-switch').selectOption('en');
	await expect(agent.getByTestId('calendar-download')).toHaveText('Add to calendar');
	await agent.goto(`${server.url}/me/schedule/${week}`);
	await expect(agent.getByTestId('my-total')).toHaveText('Paid hours this week: 56:00');
	// The week still breaks its two rules: published again with a reason.
	await publishAgain(week, 'open day');
	await expect(agent.getByTestId('publish-notice')).toHaveText(
		/Your schedule for this week was just updated \(version 2\)\./
	);
	await agent.screenshot({ path: `${SHOTS}/publish-live-en-390x844.png`, fullPage: true });
	await expectNoAxeViolations(agent);
});

test('the print view of a team week: on screen, in print media and on A4; planners only', async ({ browser }) => {
	test.setTimeout(120_000);
	const week = monday();
	const supervisor = await signedIn(browser, STAFF.supervisor.email, DESK);
	await supervisor.goto(`${server.url}/schedules/${TEAM.hotlineA}/${week}/print`);
	await expect(supervisor.getByTestId('print-title')).toContainText('热线一组 Hotline A');
	await expect(supervisor.getByTestId('print-status')).toContainText('第 1 版，运营主管 Supervisor 于');
	await expect(supervisor.getByTestId(`print-row-${demoAgent(1).agentId}`)).toContainText('40:00');
	await expect(supervisor.getByTestId(`print-row-${demoAgent(1).agentId}`)).toContainText('休息');
	// Ten inbound agents, two rest days each, spread over the week: eight or so on shift a day.
	const headcount = await supervisor.getByTestId('print-headcount').locator('td').allTextContents();
	expect(headcount.slice(0, 7).reduce((sum, n) => sum + Number(n), 0)).toBe(50);
	await expect(supervisor.getByTestId('top-bar')).toBeVisible();
	await supervisor.screenshot({ path: `${SHOTS}/print-week-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);

	await supervisor.emulateMedia({ media: 'print' });
	await expect(supervisor.getByTestId('top-bar')).toBeHidden();
	await expect(supervisor.getByTestId('print-button')).toBeHidden();
	await supervisor.screenshot({ path: `${SHOTS}/print-week-print-media-zh-CN.png`, fullPage: true });
	await supervisor.pdf({ path: `${SHOTS}/print-week-zh-CN.pdf`, preferCSSPageSize: true, printBackground: true });
	await supervisor.emulateMedia({ media: 'screen' });

	await supervisor.getByTestId('top-bar').getByTestId('locale-switch').selectOption('en');
	await expect(supervisor.getByTestId('print-status')).toContainText('Version 1, published');
	await expect(supervisor.getByTestId(`print-row-${demoAgent(1).agentId}`)).toContainText('Rest day');
	await supervisor.screenshot({ path: `${SHOTS}/print-week-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);

	// An agent, and the lead of another team, are told it is for the team's planners.
	for (const email of [demoAgent(1).email, demoLead(2).email]) {
		const other = await signedIn(browser, email, DESK);
		await other.goto(`${server.url}/schedules/${TEAM.hotlineA}/${week}/print`);
		await expect(other.getByTestId('print-not-allowed')).toContainText('仅供排班人员使用');
		await expect(other.getByTestId('print-grid')).toHaveCount(0);
	}
	const lead = await signedIn(browser, demoLead(1).email, DESK);
	await lead.goto(`${server.url}/schedules/${TEAM.hotlineA}/${week}/print`);
	await expect(lead.getByTestId('print-grid')).toBeVisible();
});
