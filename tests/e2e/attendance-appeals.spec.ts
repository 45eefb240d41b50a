// Corrections and appeals end to end, on a server of this file's own.
//
// A shift of a Hotline A agent (one with no punch that day in the seed's
// month, whatever the hour) began six hours ago and ended two hours ago; the gate
// terminal recorded the check-in fifteen minutes late and the check-out,
// and the day is closed (late). The supervisor, on a laptop, adds the punch
// of a second door the terminal missed, with a reason: the day page's
// audit trail shows it. The agent, on a phone, appeals the result; the
// supervisor finds the appeal in the inbox, accepts it with a new result,
// and the day page shows the result changed with the acceptance and the
// re-judge in the trail; the agent reads the answer. Screenshots of every
// page in zh-CN (and the day page in English), each passing axe.
import { TZDate } from '@date-fns/tz';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, DEMO_TIME_ZONE, STAFF, TEAM, type DemoAgent } from '../support/demo';
import { agentsWithoutPunches } from './attendance-support';
import { signInAsDisplay, WallServer } from './wall-support';

const SHOTS = 'test-results/screenshots';
const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };
let agent: DemoAgent;

let server: WallServer;
let workDate = '';
let shiftStartMs = 0;
let shiftEndMs = 0;

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

async function asService(path: string, method: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${server.url}/rest/v1/${path}`, {
		method,
		headers: {
			apikey: server.serviceKey,
			authorization: `Bearer ${server.serviceKey}`,
			'content-type': 'application/json',
			prefer: 'return=representation'
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} as service answered ${response.status}: ${text}`);
	return text ? JSON.parse(text) : null;
}

/** A new published version of Hotline A's week in which the agent works from `startMs` to `endMs`. */
async function publishShift(startMs: number, endMs: number): Promise<void> {
	const start = siteClock(startMs);
	const end = siteClock(endMs);
	const draft = (await rest(STAFF.supervisor.email, 'rpc/create_schedule_draft', 'POST', {
		team_id: TEAM.hotlineA,
		week_start: mondayOf(start.day)
	})) as { id: string };
	await rest(
		STAFF.supervisor.email,
		`schedule_shifts?schedule_id=eq.${draft.id}&day=eq.${start.day}&agent_id=eq.${agent.agentId}`,
		'DELETE'
	);
	await rest(STAFF.supervisor.email, 'schedule_shifts', 'POST', {
		site_id: DEMO_SITE,
		schedule_id: draft.id,
		agent_id: agent.agentId,
		day: start.day,
		starts_at: start.time,
		ends_at: end.time
	});
	const rows = (await rest(STAFF.supervisor.email, `schedules?id=eq.${draft.id}&select=revision`, 'GET')) as {
		revision: number;
	}[];
	await rest(STAFF.supervisor.email, 'rpc/publish_schedule', 'POST', {
		schedule_id: draft.id,
		expected_revision: rows[0]?.revision,
		override_reason: 'attendance appeals e2e: a shift that ended two hours ago'
	});
}

/** The day's judged status, read through the API as the supervisor. */
async function dayStatus(): Promise<string> {
	const rows = (await rest(
		STAFF.supervisor.email,
		`attendance_days?agent_id=eq.${agent.agentId}&work_date=eq.${workDate}&select=status,closed_at`,
		'GET'
	)) as { status: string; closed_at: string | null }[];
	return rows.map((r) => `${r.status}${r.closed_at ? '' : ' (open)'}`).join(',');
}

async function signedIn(browser: Browser, email: string, viewport = LAPTOP, locale = 'zh-CN'): Promise<Page> {
	const context = await browser.newContext({ viewport, locale });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, email);
	return page;
}

async function expectNoSideScroll(page: Page, width: number): Promise<void> {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	// Whole minutes: the shift began six hours ago and ended two hours ago (past the 60-minute check-out window).
	const now = Math.floor(Date.now() / 60_000) * 60_000;
	shiftStartMs = now - 6 * 3_600_000;
	shiftEndMs = now - 2 * 3_600_000;
	workDate = siteClock(shiftStartMs).day;
	// No punch of the seed's on the days the shift touches: the day page shows only the test's.
	const lastDay = Date.parse(`${siteClock(shiftEndMs).day}T00:00:00+08:00`);
	const days = {
		from: new Date(`${workDate}T00:00:00+08:00`).toISOString(),
		to: new Date(lastDay + 86_400_000).toISOString()
	};
	[agent] = (await agentsWithoutPunches(server, days, 1, TEAM.hotlineA)) as [DemoAgent];
	await publishShift(shiftStartMs, shiftEndMs);
	// The gate terminal's punches: in fifteen minutes late, out on time.
	await asService('punches', 'POST', [
		{
			site_id: DEMO_SITE,
			agent_id: agent.agentId,
			punched_at: new Date(shiftStartMs + 15 * 60_000).toISOString(),
			direction: 'in',
			source: 'terminal',
			device: 'gate-1'
		},
		{
			site_id: DEMO_SITE,
			agent_id: agent.agentId,
			punched_at: new Date(shiftEndMs + 2 * 60_000).toISOString(),
			direction: 'out',
			source: 'terminal',
			device: 'gate-1'
		}
	]);
	await asService('rpc/close_attendance_days', 'POST', {});
	expect(await dayStatus()).toBe('late');
});

test.afterAll(async () => {
	await server?.dispose();
});

test('a correction shows in the audit trail; an appeal filed by the agent is accepted and changes the result', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const dayUrl = `${server.url}/attendance/day/${agent.agentId}/${workDate}`;

	// The supervisor adds the second door's punch, which the terminal missed.
	const supervisor = await signedIn(browser, STAFF.supervisor.email);
	await supervisor.goto(dayUrl);
	await expect(supervisor.getByTestId('day-result')).toHaveAttribute('data-status', 'late');
	await expect(supervisor.getByTestId('punch')).toHaveCount(2);
	await expect(supervisor.getByTestId('audit-empty')).toBeVisible();
	const form = supervisor.getByTestId('add-punch');
	const missed = siteClock(shiftStartMs + 3 * 3_600_000);
	await form.getByTestId('add-punch-when').fill(`${missed.day}T${missed.time}`);
	await form.getByTestId('add-punch-direction').selectOption('in');
	await form.getByTestId('add-punch-reason').fill('二号门考勤机故障，午休回来未记录；已查监控');
	await form.getByTestId('add-punch-submit').click();
	await expect(supervisor.getByTestId('punch')).toHaveCount(3);
	const added = supervisor.getByTestId('audit-entry').filter({ hasText: '补卡' });
	await expect(added).toHaveCount(1);
	await expect(added).toContainText('二号门考勤机故障');
	await expect(added).toContainText('运营主管 Supervisor');
	await supervisor.screenshot({ path: `${SHOTS}/attendance-day-corrected-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);

	// The agent appeals on a phone.
	const phone = await signedIn(browser, agent.email, PHONE);
	await phone.goto(`${server.url}/me/attendance/day/${workDate}`);
	await expect(phone.getByTestId('day-result')).toHaveAttribute('data-status', 'late');
	await expect(phone.getByTestId('audit-entry').filter({ hasText: '补卡' })).toHaveCount(1);
	await phone.getByTestId('appeal-reason').fill('早上地铁二号线停运 15 分钟，有地铁公司的延误证明');
	await expectNoAxeViolations(phone);
	await phone.screenshot({ path: `${SHOTS}/attendance-my-day-appeal-zh-CN-390x844.png`, fullPage: true });
	await phone.getByTestId('appeal-submit').click();
	const mine = phone.getByTestId('appeal');
	await expect(mine).toHaveAttribute('data-status', 'open');
	await expect(mine).toContainText('地铁二号线停运');
	await expect(phone.getByTestId('appeal-form')).toHaveCount(0);
	await expectNoSideScroll(phone, PHONE.width);

	// The supervisor finds it in the inbox and accepts it.
	await supervisor.goto(`${server.url}/attendance/appeals`);
	const row = supervisor.getByTestId('appeal-row').filter({ hasText: '地铁二号线停运' });
	await expect(row).toHaveCount(1);
	await supervisor.screenshot({ path: `${SHOTS}/attendance-appeals-inbox-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);
	await row.getByRole('link').click();
	await expect(supervisor).toHaveURL(new RegExp(`/attendance/day/${agent.agentId}/${workDate}$`));
	const answer = supervisor.getByTestId('appeal-answer-form');
	await answer.getByTestId('appeal-accept').check();
	await answer.getByTestId('appeal-new-status').selectOption('present');
	await answer.getByTestId('appeal-answer-text').fill('已核实地铁延误证明，按正常出勤处理');
	await answer.getByTestId('appeal-answer-submit').click();
	await expect(supervisor.getByTestId('day-result')).toHaveAttribute('data-status', 'present');
	await expect(supervisor.getByTestId('appeal')).toHaveAttribute('data-status', 'accepted');
	const trail = supervisor.getByTestId('audit-entry');
	await expect(trail.filter({ hasText: '申诉通过' })).toContainText('已核实地铁延误证明');
	await expect(trail.last()).toHaveAttribute('data-action', 'day_rejudged');
	expect(await dayStatus()).toBe('present');
	await supervisor.screenshot({ path: `${SHOTS}/attendance-day-appeal-accepted-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(supervisor);

	// The agent reads the answer.
	await phone.reload();
	await expect(phone.getByTestId('day-result')).toHaveAttribute('data-status', 'present');
	await expect(phone.getByTestId('appeal-answer')).toContainText('已核实地铁延误证明');
	await phone.screenshot({ path: `${SHOTS}/attendance-my-day-answered-zh-CN-390x844.png`, fullPage: true });
	await expectNoSideScroll(phone, PHONE.width);

	// The day page in English.
	const english = await signedIn(browser, STAFF.manager.email, LAPTOP, 'en');
	await english.goto(dayUrl);
	await expect(english.getByTestId('audit-entry').filter({ hasText: 'Appeal accepted' })).toHaveCount(1);
	await english.screenshot({ path: `${SHOTS}/attendance-day-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(english);
});
