// Staffing on the rota editor: the coverage heatmap (required against
// scheduled agents per 15 minutes, with the projected service level) before
// and after "Generate", which runs HiGHS in a Web Worker in this browser; the
// generated week set beside the draft, taken, checked by the SQL rules,
// published and shown to an agent. The forecast and its requirement are made
// through the API the forecast page uses (that page has its own spec), from
// two weeks of simulated history.
import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoAgent, DEMO_SITE, STAFF, TEAM } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';
import {
	computeRequirements,
	requirementParams,
	type StaffingModel
} from '../../src/lib/staffing/forecast-requirements';

/** The Monday of the Shanghai week `weeks` from this one. */
function monday(weeks = 0): string {
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
	const ms = Date.parse(`${today}T00:00:00Z`) - ((weekday + 6) % 7) * 86_400_000 + weeks * 7 * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
}

let server: WallServer;
const week = monday(1);

async function asSupervisor<T>(path: string, method: string, body?: unknown): Promise<T> {
	const response = await server.restAs(STAFF.supervisor.email, path, { method, body });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	return JSON.parse(text) as T;
}

interface QueueParameters {
	queue_id: string;
	direction: string;
	model: StaffingModel;
	sl_target: number;
	sl_threshold_s: number;
	max_occupancy: number;
	shrinkage: number;
	patience_s: number | null;
}

/** Next week's forecast and requirement for every inbound queue, as the forecast page makes them. */
async function forecastNextWeek(): Promise<void> {
	const queues = await asSupervisor<QueueParameters[]>('rpc/staffing_parameters', 'POST', { site_id: DEMO_SITE });
	for (const queue of queues.filter((q) => q.direction === 'inbound')) {
		const forecast = await asSupervisor<{ id: string }>('rpc/create_forecast', 'POST', {
			queue_id: queue.queue_id,
			week_start: week,
			history_weeks: 2
		});
		const rows = await asSupervisor<{ interval_start: string; offered: number; aht_s: number }[]>(
			`forecast_intervals?forecast_id=eq.${forecast.id}&select=interval_start,offered,aht_s&order=interval_start`,
			'GET'
		);
		const params = requirementParams({
			...queue,
			sl_target: Number(queue.sl_target),
			max_occupancy: Number(queue.max_occupancy),
			shrinkage: Number(queue.shrinkage),
			patience_s: queue.patience_s === null ? null : Number(queue.patience_s)
		});
		const requirement = computeRequirements(
			rows.map((r) => ({ ...r, offered: Number(r.offered), aht_s: Number(r.aht_s) })),
			params
		);
		await asSupervisor('rpc/save_staffing_requirements', 'POST', {
			forecast_id: forecast.id,
			params,
			rows: requirement
		});
	}
}

async function signedIn(browser: Browser, email: string, options: Parameters<Browser['newContext']>[0] = {}) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, email);
	return page;
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start({ historyWeeks: 2 });
	await server.historyDone();
	await forecastNextWeek();
});

test.afterAll(async () => {
	await server?.dispose();
});

test('the heatmap before and after Generate; the generated week passes the rules, is published and reaches the agent', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const supervisor = await signedIn(browser, STAFF.supervisor.email);
	await supervisor.goto(`${server.url}/schedules/${TEAM.hotlineA}/${week}`);
	if ((await supervisor.getByTestId('rota-status').getAttribute('data-status')) !== 'draft') {
		await supervisor.getByTestId('rota-start-draft').click();
	}
	await expect(supervisor.getByTestId('rota-status')).toHaveAttribute('data-status', 'draft');

	const heatmap = supervisor.getByTestId('coverage-heatmap');
	const summary = heatmap.getByTestId('coverage-summary');
	await expect(summary).toBeVisible();
	await expect(summary).toContainText('人时');
	const underBefore = Number(await summary.getAttribute('data-under'));
	expect(underBefore).toBeGreaterThan(0);
	await supervisor.screenshot({ path: 'test-results/screenshots/staffing-heatmap-before-zh-CN.png', fullPage: true });
	await expectNoAxeViolations(supervisor);

	// Plan the whole week, not around what the draft holds.
	await supervisor.getByTestId('generate-keep').uncheck();
	await supervisor.getByTestId('generate-run').click();
	await expect(supervisor.getByTestId('generate-progress')).toHaveAttribute('data-phase', 'running');
	const status = supervisor.getByTestId('generate-status');
	await expect(status).toBeVisible({ timeout: 90_000 });
	expect(['optimal', 'time-limit']).toContain(await status.getAttribute('data-status'));
	const compare = supervisor.getByTestId('generate-compare');
	await expect(compare).toBeVisible();
	const [now, generated] = (await compare.getByTestId('compare-under').locator('td').allTextContents()).map(Number);
	expect(generated).toBeLessThanOrEqual(now!);
	await supervisor.screenshot({
		path: 'test-results/screenshots/staffing-generated-compare-zh-CN.png',
		fullPage: true
	});

	await supervisor.getByTestId('generate-use').click();
	await expect(supervisor.getByTestId('generate-compare')).toHaveCount(0);
	await expect(summary).not.toHaveAttribute('data-under', String(underBefore));
	expect(Number(await summary.getAttribute('data-under'))).toBeLessThan(underBefore);
	// The SQL rule check accepts the generated week as it stands.
	await expect(supervisor.getByTestId('violations')).toHaveAttribute('data-count', '0');
	await supervisor.getByTestId('coverage-mode-service').check();
	await expect(heatmap.getByTestId('coverage-service')).toBeVisible();
	await supervisor.screenshot({ path: 'test-results/screenshots/staffing-heatmap-after-zh-CN.png', fullPage: true });
	await expectNoAxeViolations(supervisor);

	// Recorded: the run is in solver_runs with its status and figures.
	const runs = await asSupervisor<{ status: string; seconds: number }[]>(
		`solver_runs?team_id=eq.${TEAM.hotlineA}&week_start=eq.${week}&select=status,seconds`,
		'GET'
	);
	expect(runs.length).toBeGreaterThanOrEqual(1);

	await supervisor.getByTestId('rota-publish').click();
	await supervisor.getByTestId('publish-confirm').click();
	await expect(supervisor.getByTestId('rota-status')).toHaveAttribute('data-status', 'published');

	// The agent reads the generated week on a phone.
	const agent = await signedIn(browser, demoAgent(1).email, { viewport: { width: 390, height: 844 } });
	await agent.goto(`${server.url}/me/schedule/${week}`);
	await expect(agent.getByTestId(`my-day-${week}`)).toBeVisible();
	const worked = await agent.locator('[data-testid^="my-day-"]', { hasText: '计薪' }).count();
	expect(worked).toBeGreaterThanOrEqual(1);
	await agent.screenshot({ path: 'test-results/screenshots/staffing-generated-agent-phone.png', fullPage: true });
});

test('the heatmap in English on a published week: read, with nothing to generate until a draft is started', async ({
	browser
}) => {
	const manager = await signedIn(browser, STAFF.manager.email, { locale: 'en-US' });
	await manager.goto(`${server.url}/schedules/${TEAM.hotlineB}/${week}`);
	await expect(manager.getByTestId('rota-status')).not.toHaveAttribute('data-status', 'draft');
	const heatmap = manager.getByTestId('coverage-heatmap');
	await expect(heatmap.getByTestId('coverage-summary')).toContainText('agent-hours');
	await expect(manager.getByTestId('generate')).toHaveCount(0);
	await manager.screenshot({ path: 'test-results/screenshots/staffing-heatmap-en.png', fullPage: true });
	await expectNoAxeViolations(manager);
});
