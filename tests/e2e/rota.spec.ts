// The rota editor (/schedules/<team>/<week>) on the single box: a supervisor
// builds next week from the season pattern, breaks the rest-day rule, fixes
// it and publishes while the agent's phone follows; two planners on one
// draft see each other's changes live and a lost race is told in words;
// keyboard, undo and drag; the seed's draft with its two violations in
// English. A violation's detail is worded in the page's language. Each test
// has a server of its own (they write).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, STAFF, TEAM } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

/** The Monday of the Shanghai week `weeks` from this one. */
function monday(weeks = 0): string {
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
	const ms = Date.parse(`${today}T00:00:00Z`) - ((weekday + 6) % 7) * 86_400_000 + weeks * 7 * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}
const dayAfter = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function signedIn(
	browser: Browser,
	server: WallServer,
	email: string,
	options: Parameters<Browser['newContext']>[0] = {}
) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, email);
	return page;
}

const rota = (server: WallServer, week: string) => `${server.url}/schedules/${TEAM.hotlineA}/${week}`;
const cell = (page: Page, employeeNo: string, day: string) => page.getByTestId(`cell-${employeeNo}-${day}`);

// Each test is a long flow and starts its server first, inside its own time.
test.describe.configure({ timeout: 60_000 });

let server: WallServer;
test.beforeEach(async () => {
	server = await WallServer.start();
});
test.afterEach(async () => {
	await server.dispose();
});

test('a supervisor fills next week from the season pattern, breaks and fixes a rule, publishes; the agent sees it live', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const week = monday(1);
	const supervisor = await signedIn(browser, server, STAFF.supervisor.email);
	const agent = await signedIn(browser, server, demoAgent(1).email, {
		viewport: { width: 390, height: 844 },
		locale: 'zh-CN'
	});
	await agent.goto(`${server.url}/me/schedule/${week}`);
	// The seed rests agent01 on Tuesday and Wednesday.
	const agentWednesday = agent.getByTestId(`my-day-${dayAfter(week, 2)}`);
	await expect(agentWednesday).toBeVisible();
	await expect(agentWednesday).not.toContainText('计薪');

	await supervisor.goto(rota(server, week));
	await expect(supervisor.getByTestId('rota-status')).toHaveAttribute('data-status', 'published');
	await expect(supervisor.getByTestId('rota-live')).toHaveAttribute('data-live', 'true');
	await supervisor.getByTestId('rota-start-draft').click();
	await expect(supervisor.getByTestId('rota-status')).toHaveAttribute('data-status', 'draft');

	await supervisor.getByTestId('rota-fill').click();
	await expect(supervisor.getByTestId('violations')).toHaveAttribute('data-count', '0');
	// agent01 is first in the team: the pattern rests them on Monday and Tuesday.
	await expect(cell(supervisor, 'E001', week)).toHaveAttribute('data-state', 'rest');
	await expect(cell(supervisor, 'E001', dayAfter(week, 1))).toHaveAttribute('data-state', 'rest');
	await expect(cell(supervisor, 'E001', dayAfter(week, 2))).toHaveAttribute('data-state', 'shift');
	await expect(supervisor.getByTestId('hours-E001')).toHaveText('40:00');
	await expect(supervisor.getByTestId(`coverage-${week}`)).not.toHaveAttribute('data-peak', '0');

	// Working both rest days leaves no rest day in the week.
	await supervisor.getByTestId('palette-rest').check();
	await cell(supervisor, 'E001', dayAfter(week, 2)).click();
	await expect(cell(supervisor, 'E001', dayAfter(week, 2))).toHaveAttribute('data-state', 'rest');
	await cell(supervisor, 'E001', dayAfter(week, 2)).press('Control+z');
	await expect(cell(supervisor, 'E001', dayAfter(week, 2))).toHaveAttribute('data-state', 'shift');
	await expect(supervisor.getByTestId('rota-notice')).toContainText('已撤销');

	await cell(supervisor, 'E001', week).focus();
	await supervisor.keyboard.press('1');
	await expect(cell(supervisor, 'E001', week)).toHaveAttribute('data-state', 'shift');
	await supervisor.keyboard.press('ArrowRight');
	await supervisor.keyboard.press('1');
	await expect(cell(supervisor, 'E001', dayAfter(week, 1))).toHaveAttribute('data-state', 'shift');
	const restDays = supervisor.locator('[data-testid="violations"] li[data-rule="rest_days"]');
	await expect(restDays).toHaveCount(1);
	await expect(restDays).toContainText('休息日');
	// The detail is worded from the rule's facts in Chinese, not the SQL's English, in the list and the row's title.
	await expect(restDays.locator('.detail')).toHaveText('本周上班 7 天，每周至少应休息 1 天');
	await expect(supervisor.getByTestId('hours-E001')).toHaveAttribute('title', '本周上班 7 天，每周至少应休息 1 天');
	await supervisor
		.getByTestId('violations')
		.screenshot({ path: 'test-results/screenshots/rota-violation-list-zh-CN.png' });
	await expect(supervisor.getByTestId('hours-E001')).toHaveText(/^5\d:00$/);
	await supervisor.screenshot({ path: 'test-results/screenshots/rota-violation-zh-CN.png' });
	await expectNoAxeViolations(supervisor);

	// Fixed: Tuesday back to a rest day with the keyboard.
	await supervisor.keyboard.press('Delete');
	await expect(cell(supervisor, 'E001', dayAfter(week, 1))).toHaveAttribute('data-state', 'rest');
	await expect(restDays).toHaveCount(0);

	const violations = Number(await supervisor.getByTestId('violations').getAttribute('data-count'));
	await supervisor.getByTestId('rota-publish').click();
	if (violations > 0) await supervisor.getByTestId('publish-reason').fill('Monday cover for the open house');
	await supervisor.getByTestId('publish-confirm').click();
	await expect(supervisor.getByTestId('rota-status')).toHaveAttribute('data-status', 'published');
	await expect(supervisor.getByTestId('rota-notice')).toContainText('已发布');
	await supervisor.screenshot({ path: 'test-results/screenshots/rota-published-zh-CN.png' });

	// The agent's phone shows Wednesday's new shift without a reload.
	await expect(agentWednesday).toContainText('计薪', { timeout: 15_000 });
	await agent.screenshot({ path: 'test-results/screenshots/rota-agent-live-zh-CN.png' });
});

test('two planners on one draft: changes appear live, a lost race is told, drag moves a shift', async ({ browser }) => {
	test.setTimeout(90_000);
	const week = monday(2); // the seed's draft
	const supervisor = await signedIn(browser, server, STAFF.supervisor.email);
	const manager = await signedIn(browser, server, STAFF.manager.email);
	await supervisor.goto(rota(server, week));
	await manager.goto(rota(server, week));
	for (const page of [supervisor, manager]) {
		await expect(page.getByTestId('rota-status')).toHaveAttribute('data-status', 'draft');
		await expect(page.getByTestId('rota-live')).toHaveAttribute('data-live', 'true');
	}

	// The manager makes agent03's Wednesday a rest day; the supervisor sees it arrive.
	const wed = dayAfter(week, 2);
	await expect(cell(supervisor, 'E003', wed)).toHaveAttribute('data-state', 'shift');
	await manager.getByTestId('palette-rest').check();
	await cell(manager, 'E003', wed).click();
	await expect(cell(supervisor, 'E003', wed)).toHaveAttribute('data-state', 'rest');
	await expect(supervisor.getByTestId('rota-notice')).toHaveText('另一位排班人修改了本周排班：表格已显示其修改。');

	// A race: the manager's change lands between the supervisor's read and write.
	await supervisor.route('**/rest/v1/rpc/apply_schedule_edits', async (route) => {
		const rows = (await (
			await server.restAs(
				STAFF.manager.email,
				`schedules?team_id=eq.${TEAM.hotlineA}&week_start=eq.${week}&status=eq.draft&select=id,revision`,
				{
					method: 'GET'
				}
			)
		).json()) as { id: string; revision: number }[];
		const draft = rows[0]!;
		const edit = await server.restAs(STAFF.manager.email, 'rpc/apply_schedule_edits', {
			method: 'POST',
			body: {
				schedule_id: draft.id,
				expected_revision: draft.revision,
				edits: [{ op: 'clear', agent_id: demoAgent(4).agentId, day: wed }]
			}
		});
		expect(edit.status).toBe(200);
		await route.continue();
	});
	await supervisor.getByTestId('palette-rest').check();
	await cell(supervisor, 'E005', wed).click();
	await expect(supervisor.getByTestId('rota-notice')).toHaveAttribute('data-kind', 'conflict');
	await expect(supervisor.getByTestId('rota-notice')).toContainText('有人同时修改了这份草稿');
	await expect(cell(supervisor, 'E004', wed)).toHaveAttribute('data-state', 'rest');
	await expect(cell(supervisor, 'E005', wed)).toHaveAttribute('data-state', 'shift');
	await supervisor.unroute('**/rest/v1/rpc/apply_schedule_edits');

	// Drag agent05's Wednesday shift onto agent03's (now free) Wednesday.
	await cell(supervisor, 'E005', wed)
		.locator('.chip')
		.dragTo(cell(supervisor, 'E003', wed));
	await expect(cell(supervisor, 'E003', wed)).toHaveAttribute('data-state', 'shift');
	await expect(cell(supervisor, 'E005', wed)).toHaveAttribute('data-state', 'rest');
	await expect(cell(manager, 'E003', wed)).toHaveAttribute('data-state', 'shift');
});

test('the seed’s draft in English: its two violations listed and marked, a summer template refused in winter', async ({
	browser
}) => {
	const week = monday(2);
	const page = await signedIn(browser, server, STAFF.supervisor.email, {
		locale: 'en-US',
		viewport: { width: 1280, height: 720 }
	});
	await page.goto(rota(server, week));
	await expect(page.getByTestId('rota-status')).toContainText('draft');
	await expect(page.getByTestId('rota-print')).toHaveAttribute('href', `/schedules/${TEAM.hotlineA}/${week}/print`);
	const list = page.getByTestId('violations');
	await expect(list.locator('li[data-rule="rest_days"]')).toContainText('Rest days');
	await expect(list.locator('li[data-rule="rest_days"] .detail')).toHaveText(
		'Works 7 days: at least 1 rest day(s) a week'
	);
	await expect(list.locator('li[data-rule="skills"]')).toContainText('Skills');
	await expect(cell(page, 'E002', week)).toHaveAttribute('aria-invalid', 'true');

	// The other season's day shift: refused at once, the SQL's reason shown, the cell as it was.
	const thu = dayAfter(week, 3);
	const summer = [5, 6, 7, 8, 9].includes(Number(thu.slice(5, 7)));
	const before = await cell(page, 'E003', thu).getAttribute('aria-label');
	await page.getByRole('radio', { name: summer ? /Winter day/ : /Summer day/ }).check();
	await cell(page, 'E003', thu).click();
	await expect(page.getByTestId('rota-notice')).toHaveAttribute('data-kind', 'refused');
	await expect(page.getByTestId('rota-notice')).toContainText(
		summer ? 'applies in 冬季 Winter only' : 'applies in 夏季 Summer only'
	);
	await expect(cell(page, 'E003', thu)).toHaveAttribute('aria-label', before!);
	await expect(page.getByTestId('rota-undo')).toHaveText('Undo (0)');
	await page.screenshot({ path: 'test-results/screenshots/rota-draft-en.png' });
	await expectNoAxeViolations(page);
});
