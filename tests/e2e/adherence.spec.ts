// Adherence on the agents board and the supervisor's Today page. A supervisor
// publishes a new version of Hotline A's week in which agents 1–4 work from
// three hours ago to three hours from now (no breaks); then, through the
// ingest path a phone system uses, agent 3 logs in a minute before the shift
// and agents 2 and 4 go on a break twenty minutes ago, while agent 1 never
// logs in. The board flags agent 1 (an offline card: due, not logged in) and
// agent 2 (on break outside a break) with their minutes today, and not agent
// 3; agent 4 comes back and the flag goes at once. /today lists those out of
// adherence first. Screenshots and axe on both, /today in both languages.
import { TZDate } from '@date-fns/tz';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_PASSWORD, DEMO_SITE, DEMO_TIME_ZONE, demoAgent, STAFF, TEAM } from '../support/demo';
import { ago, eventFactory, WallServer } from './wall-support';

let server: WallServer;
/** When agents 2 and 4 went on their break. */
let breakFrom = 0;
const absent = demoAgent(1);
const onBreak = demoAgent(2);
const working = demoAgent(3);
const returning = demoAgent(4);

const pad = (n: number) => String(n).padStart(2, '0');
/** The site's calendar date and clock time of an instant. */
function siteClock(ms: number): { day: string; time: string } {
	const d = new TZDate(ms, DEMO_TIME_ZONE);
	return {
		day: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
		time: `${pad(d.getHours())}:${pad(d.getMinutes())}`
	};
}
/** The minutes from `from` to now that fall on the site's today (the boards count minutes out per day). */
function minutesToday(from: number): number {
	const midnight = new TZDate(Date.now(), DEMO_TIME_ZONE);
	midnight.setHours(0, 0, 0, 0);
	return Math.floor((Date.now() - Math.max(from, midnight.getTime())) / 60_000);
}
/** The number in a text, to hold against a count that may move by a minute while the test reads it. */
function minutesIn(text: string | null, pattern: RegExp): number {
	const found = pattern.exec(text ?? '');
	if (!found?.[1]) throw new Error(`"${text}" does not match ${pattern}`);
	return Number(found[1]);
}

/** The Monday of the week of a date. */
function mondayOf(day: string): string {
	const ms = Date.parse(`${day}T00:00:00Z`);
	return new Date(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

async function asSupervisor(path: string, method: string, body?: unknown): Promise<unknown> {
	const response = await server.restAs(STAFF.supervisor.email, path, { method, body });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	return text ? JSON.parse(text) : null;
}

/** A new published version of Hotline A's week with agents 1–4 on a shift around now. */
async function publishShiftAroundNow(now: number): Promise<void> {
	const start = siteClock(now - 3 * 3_600_000);
	const end = siteClock(now + 3 * 3_600_000);
	const draft = (await asSupervisor('rpc/create_schedule_draft', 'POST', {
		team_id: TEAM.hotlineA,
		week_start: mondayOf(start.day)
	})) as { id: string };
	const agents = [absent, onBreak, working, returning].map((a) => a.agentId);
	await asSupervisor(
		`schedule_shifts?schedule_id=eq.${draft.id}&day=eq.${start.day}&agent_id=in.(${agents.join(',')})`,
		'DELETE'
	);
	await asSupervisor(
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
	const rows = (await asSupervisor(`schedules?id=eq.${draft.id}&select=revision`, 'GET')) as { revision: number }[];
	const revision = rows[0]?.revision;
	if (revision === undefined) throw new Error('the new draft is not readable');
	await asSupervisor('rpc/publish_schedule', 'POST', {
		schedule_id: draft.id,
		expected_revision: revision,
		override_reason: 'adherence e2e: a shift around now'
	});
}

async function signIn(page: Page, email: string, next: string): Promise<void> {
	await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
	await page.getByTestId('login-email').fill(email);
	await page.getByTestId('login-password').fill(DEMO_PASSWORD);
	await page.getByTestId('login-submit').click();
	await expect(page).not.toHaveURL(/\/login/);
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	const now = Date.now();
	await publishShiftAroundNow(now);
	breakFrom = now - 20 * 60_000;
	const e = eventFactory(`adherence-${now}`);
	await server.ingest([
		e.state(working.agentId, 'available', ago(now, 3 * 3600 + 60)),
		e.state(onBreak.agentId, 'available', ago(now, 3 * 3600 + 60)),
		e.state(onBreak.agentId, 'break', ago(now, 20 * 60)),
		e.state(returning.agentId, 'available', ago(now, 3 * 3600 + 60)),
		e.state(returning.agentId, 'break', ago(now, 20 * 60))
	]);
});

test.afterAll(async () => {
	await server?.dispose();
});

test('the agents board flags the absent agent and the one on an unscheduled break, with minutes today', async ({
	page
}) => {
	await signIn(page, STAFF.display.email, '/wall/agents');
	await page.goto(`${server.url}/wall/agents`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });

	const missing = page.getByTestId(`agent-${absent.agentId}`);
	await expect(missing).toHaveAttribute('data-adherence', 'out', { timeout: 15_000 });
	await expect(missing).toHaveAttribute('data-state', 'offline');
	await expect(missing.getByTestId('adherence')).toHaveAttribute('data-activity', 'shift');
	await expect(missing.getByTestId('adherence-out')).toHaveText(/\d+ 分/);

	const away = page.getByTestId(`agent-${onBreak.agentId}`);
	await expect(away).toHaveAttribute('data-adherence', 'out');
	await expect(away).toHaveAttribute('data-state', 'break');
	// Out of adherence the card names the activity and the minutes; the end is in the tooltip,
	// with its weekday when the shift ends after midnight. The test may run at any hour, so
	// the minutes are those of the break that fall on the site's today.
	await expect(away.getByTestId('adherence')).toContainText('上班');
	const title = /^排班：上班 至 (?:周. )?\d\d:\d\d。偏离排班；今日偏离 (\d+) 分钟$/;
	await expect(away.getByTestId('adherence')).toHaveAttribute('title', title);
	const titled = minutesIn(await away.getByTestId('adherence').getAttribute('title'), title);
	expect(Math.abs(titled - minutesToday(breakFrom))).toBeLessThanOrEqual(2);
	const shown = minutesIn(await away.getByTestId('adherence-out').textContent(), /\b(\d+) 分$/);
	expect(Math.abs(shown - minutesToday(breakFrom))).toBeLessThanOrEqual(2);

	const fine = page.getByTestId(`agent-${working.agentId}`);
	await expect(fine).toHaveAttribute('data-adherence', 'in');
	// The narrow card leaves out an end on another day.
	await expect(fine.getByTestId('adherence')).toHaveText(/^上班(?: 至 \d\d:\d\d)?\s*$/);
	await expect(fine.getByTestId('adherence-out')).toHaveCount(0);
	expect(
		Number(await page.getByTestId('count-out-of-adherence').locator('strong').textContent())
	).toBeGreaterThanOrEqual(2);

	await page.waitForTimeout(3_500); // the tools hide
	await page.screenshot({ path: 'test-results/screenshots/adherence-wall-agents-1280x720.png' });
	await expectNoAxeViolations(page);

	// Back from the break: the board asks again at once (not a minute later), and the flag goes.
	const back = page.getByTestId(`agent-${returning.agentId}`);
	await expect(back).toHaveAttribute('data-adherence', 'out');
	await server.ingest([
		eventFactory(`adherence-back-${Date.now()}`).state(returning.agentId, 'available', ago(Date.now(), 0))
	]);
	await expect(back).toHaveAttribute('data-state', 'available');
	await expect(back).toHaveAttribute('data-adherence', 'in', { timeout: 10_000 });
});

test('Today lists those out of adherence first, beside what is scheduled and what they do', async ({ page }) => {
	await signIn(page, STAFF.supervisor.email, '/today');
	await expect(page).toHaveURL(/\/today$/);
	const table = page.getByTestId('today-agents');
	await expect(table).toBeVisible({ timeout: 15_000 });

	const missing = page.getByTestId(`today-agent-${absent.agentId}`);
	await expect(missing).toHaveAttribute('data-adherence', 'out', { timeout: 15_000 });
	await expect(missing.getByTestId('today-scheduled')).toContainText('上班 至');
	await expect(missing.getByTestId('today-state')).toHaveText('离线');
	await expect(missing.getByTestId('today-adherence')).toContainText('偏离');
	await expect(page.getByTestId(`today-agent-${onBreak.agentId}`)).toHaveAttribute('data-adherence', 'out');
	await expect(page.getByTestId(`today-agent-${onBreak.agentId}`).getByTestId('today-state')).toContainText('小休');
	await expect(page.getByTestId(`today-agent-${working.agentId}`)).toHaveAttribute('data-adherence', 'in');
	await expect(page.getByTestId(`today-agent-${working.agentId}`).getByTestId('today-adherence')).not.toContainText(
		'偏离'
	);

	// Out of adherence first: every flagged row comes before every other.
	const order = await table
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-adherence')));
	const firstIn = order.indexOf('in');
	expect(order.slice(firstIn).includes('out')).toBe(false);
	expect(order.slice(0, firstIn).length).toBeGreaterThanOrEqual(2);
	await expect(page.getByTestId('today-summary')).toContainText('人偏离排班');
	await expect(page.getByTestId('today-queue-9e000000-0000-4000-8000-000000000001')).toBeVisible();

	await page.screenshot({ path: 'test-results/screenshots/adherence-today-zh-CN-1280x720.png', fullPage: true });
	await expectNoAxeViolations(page);

	// The team filter keeps Hotline A only.
	await page.getByTestId('today-team').selectOption(TEAM.hotlineA);
	await expect(table.locator('tbody tr')).toHaveCount(10);
});

test('Today in English', async ({ page }) => {
	await page.goto(`${server.url}/login`);
	await page.getByTestId('locale-switch').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await signIn(page, STAFF.supervisor.email, '/today');
	const missing = page.getByTestId(`today-agent-${absent.agentId}`);
	await expect(missing).toHaveAttribute('data-adherence', 'out', { timeout: 15_000 });
	await expect(missing.getByTestId('today-scheduled')).toContainText('Shift to');
	await expect(missing.getByTestId('today-adherence')).toContainText('Out of adherence');
	await page.screenshot({ path: 'test-results/screenshots/adherence-today-en-1280x720.png', fullPage: true });
	await expectNoAxeViolations(page);
});
