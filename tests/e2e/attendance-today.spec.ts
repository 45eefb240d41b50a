// Attendance screens: the supervisor's Today follows punches live, and the
// month pages read well in both languages, with the longest names, on an
// empty month and on a phone.
//
// The key path: a supervisor publishes a shift for a Hotline A agent that
// began twenty minutes ago; Today lists them as not in yet, so many minutes
// past the start. They clock in on the web clock (public.clock_punch, as the
// /me clock card calls it); within two seconds, without a reload, Today
// shows them late by those minutes. The seed's punches cover today's shifts
// under way, so the two agents are ones with no punch yet today, and the
// late count is read against itself, not a fixed number. Screenshots of
// every page are taken in test-results/screenshots and each page passes axe.
import { TZDate } from '@date-fns/tz';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, DEMO_TIME_ZONE, demoLead, STAFF, TEAM, type DemoAgent } from '../support/demo';
import { agentsWithoutPunches, shanghaiMidnight } from './attendance-support';
import { signedInPage } from './signed-in';
import { WallServer } from './wall-support';

const SHOTS = 'test-results/screenshots';
const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
const LATE_BY = 20;

let server: WallServer;
/** Who clocks in late, and who is renamed and stays out: Hotline A agents with no punch yet today. */
let late: DemoAgent;
let longNamed: DemoAgent;
/** 100 characters, the longest agents.display_name allows. */
const LONG_NAME =
	`${'欧阳'.repeat(10)}Maximilian-Alexander Wolfeschlegelsteinhausen-Bergerdorff ${'长'.repeat(22)}`.slice(0, 100);

const pad = (n: number) => String(n).padStart(2, '0');
function siteClock(ms: number): { day: string; time: string } {
	const d = new TZDate(ms, DEMO_TIME_ZONE);
	return {
		day: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
		time: `${pad(d.getHours())}:${pad(d.getMinutes())}`
	};
}
function mondayOf(day: string): string {
	const ms = Date.parse(`${day}T00:00:00Z`);
	return new Date(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

async function rest(email: string, path: string, method: string, body?: unknown): Promise<unknown> {
	const response = await server.restAs(email, path, { method, body });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} as ${email} answered ${response.status}: ${text}`);
	return text ? JSON.parse(text) : null;
}

async function asService(path: string, method: string, body?: unknown): Promise<void> {
	const response = await fetch(`${server.url}/rest/v1/${path}`, {
		method,
		headers: {
			apikey: server.serviceKey,
			authorization: `Bearer ${server.serviceKey}`,
			'content-type': 'application/json'
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	if (!response.ok)
		throw new Error(`${method} ${path} as service answered ${response.status}: ${await response.text()}`);
}

/**
 * A new published version of Hotline A's week in which the two agents work
 * from `startMs` for eight hours (published as the supervisor, the way the
 * rota does). A shift that crosses midnight still counts for its first day.
 */
async function publishShifts(startMs: number): Promise<void> {
	const start = siteClock(startMs);
	const end = siteClock(startMs + 8 * 3_600_000);
	const draft = (await rest(STAFF.supervisor.email, 'rpc/create_schedule_draft', 'POST', {
		team_id: TEAM.hotlineA,
		week_start: mondayOf(start.day)
	})) as { id: string };
	const agents = [late.agentId, longNamed.agentId];
	await rest(
		STAFF.supervisor.email,
		`schedule_shifts?schedule_id=eq.${draft.id}&day=eq.${start.day}&agent_id=in.(${agents.join(',')})`,
		'DELETE'
	);
	await rest(
		STAFF.supervisor.email,
		'schedule_shifts',
		'POST',
		agents.map((agent_id) => ({
			site_id: DEMO_SITE,
			schedule_id: draft.id,
			agent_id,
			day: start.day,
			starts_at: start.time,
			ends_at: end.time
		}))
	);
	const rows = (await rest(STAFF.supervisor.email, `schedules?id=eq.${draft.id}&select=revision`, 'GET')) as {
		revision: number;
	}[];
	await rest(STAFF.supervisor.email, 'rpc/publish_schedule', 'POST', {
		schedule_id: draft.id,
		expected_revision: rows[0]?.revision,
		override_reason: 'attendance e2e: a shift that began twenty minutes ago'
	});
}

/** A new browser signed in as `email` (the session kept from the first sign-in: the supervisor opens four). */
async function signedIn(browser: Browser, email: string, viewport = LAPTOP, locale = 'zh-CN'): Promise<Page> {
	return signedInPage(browser, server.url, email, { viewport, locale });
}

async function expectNoSideScroll(page: Page, width: number): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	const today = { from: shanghaiMidnight(), to: shanghaiMidnight(1) };
	[late, longNamed] = (await agentsWithoutPunches(server, today, 2, TEAM.hotlineA)) as [DemoAgent, DemoAgent];
	// The shift starts LATE_BY minutes ago, on a whole minute, so the minutes shown are exact.
	const start = Math.floor(Date.now() / 60_000) * 60_000 - LATE_BY * 60_000;
	await publishShifts(start);
	await asService(`agents?id=eq.${longNamed.agentId}`, 'PATCH', { display_name: LONG_NAME });
});

test.afterAll(async () => {
	await server?.dispose();
});

test('the supervisor’s Today shows an agent who clocks in late within two seconds, without a reload', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const supervisor = await signedIn(browser, STAFF.supervisor.email);
	await supervisor.goto(`${server.url}/attendance`);
	await expect(supervisor.getByTestId('attendance-live')).toHaveAttribute('data-live', 'joined', { timeout: 15_000 });
	const line = supervisor.getByTestId(`attendance-line-${late.agentId}`);
	await expect(line).toHaveAttribute('data-state', 'overdue');
	const overdue = Number(await line.getAttribute('data-minutes'));
	expect(overdue).toBeGreaterThanOrEqual(LATE_BY);
	expect(overdue).toBeLessThanOrEqual(LATE_BY + 2);
	await expect(line.getByTestId('attendance-state')).toContainText(`已超上班时间 ${overdue} 分钟`);
	// Both are counted late while not in past the grace (with whoever else the seed has not in).
	const lateCount = supervisor.getByTestId('attendance-count-late').locator('.value');
	await expect(supervisor.getByTestId(`attendance-line-${longNamed.agentId}`)).toHaveAttribute('data-state', 'overdue');
	const lateBefore = Number(await lateCount.textContent());
	expect(lateBefore).toBeGreaterThanOrEqual(2);
	await expect(supervisor.getByTestId(`attendance-line-${longNamed.agentId}`)).toContainText(LONG_NAME);
	await supervisor.screenshot({ path: `${SHOTS}/attendance-today-before-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);

	// The late agent taps the clock: the same call the /me clock card makes.
	const before = await supervisor.evaluate(() => location.href);
	await rest(late.email, 'rpc/clock_punch', 'POST', { direction: 'in' });
	const punchedAt = Date.now();
	await expect(line).toHaveAttribute('data-state', 'late', { timeout: 2_000 });
	expect(Date.now() - punchedAt).toBeLessThan(2_000);
	const minutes = Number(await line.getAttribute('data-minutes'));
	expect(minutes).toBeGreaterThanOrEqual(LATE_BY);
	expect(minutes).toBeLessThanOrEqual(LATE_BY + 2);
	await expect(line.getByTestId('attendance-state')).toHaveText(`迟到 ${minutes} 分钟`);
	expect(await supervisor.evaluate(() => location.href)).toBe(before);
	// Still late: the one who arrived late counts as before, beside the one still not in past the grace.
	await expect(supervisor.getByTestId(`attendance-line-${longNamed.agentId}`)).toHaveAttribute('data-state', 'overdue');
	await expect(lateCount).toHaveText(String(lateBefore));
	await supervisor.screenshot({ path: `${SHOTS}/attendance-today-late-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);
	await supervisor.context().close();
});

test('Today in English; a lead of another team sees none of Hotline A', async ({ browser }) => {
	const lead = await signedIn(browser, demoLead(2).email, LAPTOP, 'en');
	await lead.goto(`${server.url}/attendance`);
	await expect(lead.getByTestId('attendance-live')).toHaveAttribute('data-live', 'joined', { timeout: 15_000 });
	await expect(lead.getByTestId(`attendance-line-${late.agentId}`)).toHaveCount(0);
	await expect(lead.getByTestId(`attendance-line-${longNamed.agentId}`)).toHaveCount(0);
	await expectNoAxeViolations(lead);
	await lead.context().close();

	const supervisor = await signedIn(browser, STAFF.supervisor.email, LAPTOP, 'en');
	await supervisor.goto(`${server.url}/attendance`);
	await expect(supervisor.getByTestId('attendance-live')).toHaveAttribute('data-live', 'joined', { timeout: 15_000 });
	await expect(supervisor.getByTestId(`attendance-line-${longNamed.agentId}`)).toContainText(
		/Not in, \d+ min past start/
	);
	await expectNoSideScroll(supervisor, LAPTOP.width);
	await supervisor.screenshot({ path: `${SHOTS}/attendance-today-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);
	await supervisor.context().close();
});

test('the team month, the agent’s month and the agent’s own month, in both languages', async ({ browser }) => {
	test.setTimeout(90_000);
	for (const locale of ['zh-CN', 'en']) {
		const supervisor = await signedIn(browser, STAFF.supervisor.email, LAPTOP, locale);
		await supervisor.goto(`${server.url}/attendance/team/${TEAM.hotlineA}`);
		const grid = supervisor.getByTestId('month-grid');
		await expect(grid).toBeVisible();
		await expect(grid.getByTestId(`month-row-${longNamed.agentId}`)).toContainText(LONG_NAME);
		await expect(grid.getByTestId(`month-row-${late.agentId}`).locator('[data-status]').first()).toBeVisible();
		await expectNoSideScroll(supervisor, LAPTOP.width);
		await supervisor.screenshot({ path: `${SHOTS}/attendance-team-month-${locale}-1280x720.png`, fullPage: true });
		await expectNoAxeViolations(supervisor);

		await supervisor.goto(`${server.url}/attendance/agent/${longNamed.agentId}`);
		await expect(supervisor.getByTestId('month-title')).toContainText(LONG_NAME);
		await expectNoSideScroll(supervisor, LAPTOP.width);
		await supervisor.screenshot({ path: `${SHOTS}/attendance-agent-month-${locale}-1280x720.png`, fullPage: true });
		await expectNoAxeViolations(supervisor);

		await supervisor.goto(`${server.url}/attendance/team/${TEAM.hotlineA}/2020-01`);
		await expect(supervisor.getByTestId('month-empty')).toBeVisible();
		await expectNoAxeViolations(supervisor);
		await supervisor.context().close();

		const agent = await signedIn(browser, late.email, PHONE, locale);
		await agent.goto(`${server.url}/me/attendance`);
		const today = siteClock(Date.now()).day;
		await expect(agent.getByTestId(`month-day-${today}`)).toHaveAttribute('data-status', /.+/);
		await expectNoSideScroll(agent, PHONE.width);
		await agent.screenshot({ path: `${SHOTS}/attendance-my-month-${locale}-390x844.png`, fullPage: true });
		await expectNoAxeViolations(agent);

		await agent.goto(`${server.url}/me/attendance/2020-01`);
		await expect(agent.getByTestId('month-empty')).toBeVisible();
		await agent.screenshot({ path: `${SHOTS}/attendance-my-month-empty-${locale}-390x844.png`, fullPage: true });
		await expectNoAxeViolations(agent);
		await agent.context().close();
	}
});
