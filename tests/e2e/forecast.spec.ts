// The forecast page (/schedules/forecast): with 8 weeks of history seeded
// for the sales and after-sales queues, a supervisor finds next week empty,
// makes a forecast, reads a day of it over the history it came from, is
// refused an impossible adjustment in words, adjusts a morning (a new
// version, recorded with the reason, who and when), computes the agents
// needed and changes the queue's policy; the back-test's WAPE is shown per
// queue. In English a lead computes requirements but is offered no forecast
// action, a queue without history says what to do, and an agent is told the
// page is not theirs. zh-CN and en, axe, 1280×720.
import { expect, test, type Page } from '@playwright/test';
import { TZDate } from '@date-fns/tz';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, DEMO_TIME_ZONE, demoAgent, demoLead, QUEUE, STAFF } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

let server: WallServer;
let week: string;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: TZDate) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** A site-local day `days` after today's, at local midnight. */
function siteDayStart(days: number): TZDate {
	const now = new TZDate(Date.now(), DEMO_TIME_ZONE);
	return new TZDate(now.getFullYear(), now.getMonth(), now.getDate() + days, DEMO_TIME_ZONE);
}

/** Calls per 15 minutes: a morning and an afternoon peak, fewer at weekends, a little noise that never repeats a week. */
function callsAt(queue: number, day: TZDate, slot: number): number {
	const hour = slot / 4;
	if (hour < 8 || hour >= 21) return 0;
	const shape = 6 + 10 * Math.exp(-((hour - 10.5) ** 2) / 3) + 8 * Math.exp(-((hour - 15) ** 2) / 4);
	const weekend = day.getDay() === 0 || day.getDay() === 6 ? 0.5 : 1;
	const noise = 0.85 + 0.3 * Math.abs(Math.sin(day.getTime() / 86_400_000 + slot * 1.7 + queue));
	return Math.round(shape * weekend * noise * (queue === 0 ? 1 : 0.6));
}

/** 8 weeks of queue_intervals before today for two queues, written with the service key. */
async function seedHistory(): Promise<void> {
	const rows = [];
	for (const [q, queueId] of [QUEUE.sales, QUEUE.afterSales].entries()) {
		for (let d = -56; d < 0; d++) {
			const day = siteDayStart(d);
			for (let slot = 0; slot < 96; slot++) {
				const offered = callsAt(q, day, slot);
				if (offered === 0) continue;
				const handled = Math.max(0, offered - (slot % 5 === 0 ? 1 : 0));
				rows.push({
					queue_id: queueId,
					site_id: DEMO_SITE,
					interval_start: new Date(day.getTime() + slot * 900_000).toISOString(),
					offered,
					answered: handled,
					handled,
					abandoned: offered - handled,
					talk_s: handled * (q === 0 ? 200 : 260),
					acw_s: handled * 30
				});
			}
		}
	}
	const response = await fetch(`${server.url}/rest/v1/queue_intervals`, {
		method: 'POST',
		headers: {
			apikey: server.serviceKey,
			authorization: `Bearer ${server.serviceKey}`,
			'content-type': 'application/json'
		},
		body: JSON.stringify(rows)
	});
	if (!response.ok) throw new Error(`seeding queue_intervals answered ${response.status}: ${await response.text()}`);
}

/** Next week's years must have holiday data (the forecast refuses others): a test run late in December fills one in by hand. */
async function ensureCalendar(monday: string): Promise<void> {
	for (const year of new Set([
		monday.slice(0, 4),
		ymd(new TZDate(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000, 'UTC')).slice(0, 4)
	])) {
		if (year === '2025' || year === '2026') continue;
		const response = await server.restAs(STAFF.manager.email, 'site_calendar_years', {
			method: 'POST',
			body: { site_id: DEMO_SITE, year: Number(year), source: 'e2e test: no public holidays entered' }
		});
		if (!response.ok && response.status !== 409) throw new Error(`calendar ${year}: ${response.status}`);
	}
}

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
	const today = siteDayStart(0);
	week = ymd(siteDayStart(7 - ((today.getDay() + 6) % 7)));
	await seedHistory();
	await ensureCalendar(week);
});

test.afterAll(async () => {
	await server?.dispose();
});

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `test-results/screenshots/forecast-${name}.png`, fullPage: true });
const forecastUrl = (queue: string) => `${server.url}/schedules/forecast/${queue}/${week}`;

test('a supervisor makes, reads and adjusts a forecast, then computes the agents needed (zh-CN)', async ({ page }) => {
	test.setTimeout(120_000);
	await signInAsDisplay(page, server.url, STAFF.supervisor.email);
	await page.goto(forecastUrl(QUEUE.sales));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('话务预测');
	await expect(page.getByTestId('fc-empty')).toContainText('这一周还没有预测。');
	// The back-test: last week forecast from the weeks before it, per queue.
	const backtest = page.getByTestId('fc-backtest');
	await expect(backtest.getByTestId(`fc-bt-${QUEUE.sales}`)).toContainText('%');
	await expect(backtest.getByTestId(`fc-bt-${QUEUE.complaints}`)).toContainText('该周之前没有历史数据');
	await expect(page.getByTestId(`fc-param-${QUEUE.sales}`)).toContainText('15 秒内 80%');
	await shot(page, 'empty-zh-CN-1280x720');
	await expectNoAxeViolations(page);

	await page.getByTestId('fc-make').click();
	await expect(page).toHaveURL(/\?version=1$/);
	await expect(page.getByTestId('fc-shown-version')).toHaveText('第 1 版');
	await expect(page.getByTestId('fc-trend')).toContainText('×');
	await expect(page.getByTestId('forecast-chart')).toBeVisible();
	const weekTotal = Number((await page.getByTestId('fc-week-total').innerText()).replace(/[^\d.]/g, ''));
	expect(weekTotal).toBeGreaterThan(1000);

	// Tuesday: read from the six Tuesdays before it.
	const tuesday = ymd(new TZDate(Date.parse(`${week}T00:00:00Z`) + 86_400_000, 'UTC'));
	await page.getByTestId(`fc-day-${tuesday}`).click();
	await expect(page.getByTestId('fc-day-source')).toContainText('依据最近几周同一星期几预测');
	await expect(page.getByTestId('fc-day-source')).toContainText('读取：');

	// An impossible adjustment is refused in words before it is sent.
	await page.getByTestId('fc-adj-value').fill('-100');
	await page.getByTestId('fc-adj-reason').fill('测试');
	await page.getByTestId('fc-adj-save').click();
	await expect(page.getByTestId('fc-adj-problem')).toHaveText(
		'百分比必须大于 −100%。如要清空某个时段，请按来电数减去。'
	);

	// +20 % from 09:00 to 12:00 on Tuesday: version 2.
	await page.getByTestId('fc-adj-from').fill('09:00');
	await page.getByTestId('fc-adj-to').fill('12:00');
	await page.getByTestId('fc-adj-value').fill('20');
	await page.getByTestId('fc-adj-reason').fill('楼盘开盘活动');
	await expect(page.locator('.key.preview')).toBeVisible();
	await page.getByTestId('fc-adj-save').click();
	await expect(page).toHaveURL(/\?version=2$/);
	await expect(page.getByTestId('fc-shown-version')).toHaveText('第 2 版');
	await expect(page.getByTestId(`fc-day-${tuesday}`)).toHaveAttribute('aria-pressed', 'true');
	const v2 = page.getByTestId('fc-version-2');
	await expect(v2).toContainText('调整第 1 版');
	await expect(v2).toContainText('09:00–12:00 +20%');
	await expect(v2).toContainText('楼盘开盘活动');
	await expect(v2).toContainText('运营主管 Supervisor');
	const adjusted = Number((await page.getByTestId('fc-week-total').innerText()).replace(/[^\d.]/g, ''));
	expect(adjusted).toBeGreaterThan(weekTotal);

	// The agents needed, per hour and day.
	await page.getByTestId('fc-compute').click();
	await expect(page.getByTestId('fc-requirements')).toBeVisible();
	await expect(page.getByTestId('fc-requirements')).toContainText('座席工时');
	await expect(page.getByTestId('fc-version-2')).toContainText('已保存人力需求');
	const peak = await page
		.getByTestId('fc-requirements')
		.locator('tbody td')
		.evaluateAll((cells) => Math.max(...cells.map((c) => Number(c.textContent))));
	expect(peak).toBeGreaterThan(3);

	// The policy: shrinkage 25 %.
	await page.getByTestId('fc-pol-shrinkage').fill('25');
	await page.getByTestId('fc-pol-save').click();
	await expect(page.getByTestId('fc-param-' + QUEUE.sales)).toContainText('25%');
	// The saved requirements say what they were computed with, and that it changed.
	await expect(page.getByTestId('fc-req-params')).toContainText('缩减率 30%');
	await expect(page.getByTestId('fc-req-stale')).toContainText('缩减率 25%');
	await expect(page.getByTestId('forecast-chart')).toBeVisible();
	await shot(page, 'adjusted-zh-CN-1280x720');
	await expectNoAxeViolations(page);
});

test('in English a lead computes requirements, a queue without history says what to do, an agent is turned away', async ({
	page
}) => {
	test.setTimeout(90_000);
	await signInAsDisplay(page, server.url, demoLead(1).email);
	await page.getByTestId('locale-switch').selectOption('en');
	// Choosing a language reloads the page: let that reload finish before going on, or it cancels the next navigation.
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.goto(forecastUrl(QUEUE.afterSales));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forecast');
	await expect(page.getByTestId('fc-empty')).toContainText('A supervisor, manager or admin makes the forecast.');
	await expect(page.getByTestId('fc-make')).toHaveCount(0);

	// A supervisor's version (through the API, as the page would), then the lead's requirements.
	const made = await server.restAs(STAFF.supervisor.email, 'rpc/create_forecast', {
		method: 'POST',
		body: { queue_id: QUEUE.afterSales, week_start: week }
	});
	expect(made.status).toBe(200);
	await page.reload();
	await expect(page.getByTestId('fc-shown-version')).toHaveText('v1');
	await expect(page.getByTestId('fc-adjust-form')).toHaveCount(0);
	await expect(page.getByTestId('fc-req-none')).toContainText('Compute requirements');
	await page.getByTestId('fc-compute').click();
	await expect(page.getByTestId('fc-req-saved')).toHaveText('Saved: 672 intervals.');
	await expect(page.getByTestId('fc-requirements')).toContainText('Agent-hours');
	await expect(page.getByTestId('forecast-chart')).toBeVisible();
	await shot(page, 'lead-en-1280x720');
	await expectNoAxeViolations(page);

	await page.goto(forecastUrl(QUEUE.complaints));
	await expect(page.getByTestId('fc-empty')).toContainText('No history to forecast from.');
	await expect(page.getByTestId(`fc-bt-${QUEUE.complaints}`)).toContainText('No history before that week');
	await shot(page, 'no-history-en-1280x720');
	await expectNoAxeViolations(page);

	await page.context().clearCookies();
	await page.evaluate(() => localStorage.clear());
	await signInAsDisplay(page, server.url, demoAgent(1).email);
	await page.goto(forecastUrl(QUEUE.sales));
	await expect(page.getByTestId('not-allowed')).toBeVisible();
	await expectNoAxeViolations(page);
});
