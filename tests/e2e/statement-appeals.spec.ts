// Statement disputes end to end, on a server of this file's own: an outbound
// caller (agent31), on a phone in Chinese, disputes the monthly-target line
// of this month's statement; the supervisor, on a laptop in English, finds
// it in the appeals inbox beside the attendance appeals, is told in words
// that an adjustment of 0 is not one, and accepts it with +37 yuan; the
// caller's statement then shows the adjustment line, the accepted dispute
// with the answer, and a net 37 yuan above the rules' lines. Axe on every
// page, screenshots of each.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, demoAgent, STAFF } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';
const REASON = '登记表里有两组到访已确认，月度目标没有算进去';
const ANSWER = 'Two visits were confirmed late in the register; 37 yuan added';

let server: WallServer;
const caller = demoAgent(31);

interface Line {
	rule: string;
	kind: 'reward' | 'penalty' | 'credit' | 'flag';
	amount: number | null;
}

/** The site's month today (Asia/Shanghai, UTC+8 all year), yyyy-mm. */
const siteMonth = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

async function rest(email: string, path: string, method: string, body?: unknown): Promise<unknown> {
	const response = await server.restAs(email, path, { method, body });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} as ${email} answered ${response.status}: ${text}`);
	return text ? JSON.parse(text) : null;
}

/** The caller's statement of a month as the API gives it to them. */
async function statement(month: string): Promise<Line[]> {
	return (await rest(caller.email, 'rpc/agent_statement', 'POST', {
		agent_id: caller.agentId,
		month: `${month}-01`
	})) as Line[];
}

const net = (lines: readonly Line[]): number =>
	lines.reduce(
		(sum, l) => sum + (l.kind === 'reward' ? (l.amount ?? 0) : l.kind === 'penalty' ? -(l.amount ?? 0) : 0),
		0
	);

/** A net as the statement writes it ("−1,200 元", "37 yuan") as a number. */
const shownYuan = (text: string): number => {
	const digits = text.replace(/[^\d.]/g, '');
	return (text.includes('−') || text.includes('-') ? -1 : 1) * Number(digits);
};

async function signedIn(browser: Browser, email: string, viewport: typeof PHONE, locale: string): Promise<Page> {
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
	// The deadline runs 3 working days past the month's end, in December into
	// the next year: working days are counted only in years the site calendar
	// has (a manager fills each in). The seed has 2025 and 2026; the manager
	// adds the next year with no holidays of its own when it is missing.
	const month = siteMonth();
	const year = Number(month.slice(0, 4)) + 1;
	const years = (await rest(
		STAFF.manager.email,
		`site_calendar_years?site_id=eq.${DEMO_SITE}&year=eq.${year}&select=year`,
		'GET'
	)) as { year: number }[];
	if (years.length === 0) {
		await rest(STAFF.manager.email, 'site_calendar_years', 'POST', {
			site_id: DEMO_SITE,
			year,
			source: 'statement disputes e2e: weekends only'
		});
	}
});

test.afterAll(async () => {
	await server?.dispose();
});

test('a caller disputes a statement line; a supervisor accepts it with an adjustment the statement then shows', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const month = siteMonth();

	// The caller disputes the monthly target on a phone, in Chinese.
	const phone = await signedIn(browser, caller.email, PHONE, 'zh-CN');
	await phone.goto(`${server.url}/me/statement`);
	await expect(phone.getByRole('heading', { level: 1, name: '我的奖罚明细' })).toBeVisible();
	await expect(phone.getByTestId('dispute-deadline')).toContainText('本月明细可申诉至');
	await expect(phone.getByTestId('dispute-hint')).not.toContainText('人事');
	const target = phone.locator('[data-testid="statement-line"][data-rule="monthly_target"]');
	await target.getByRole('button', { name: '申诉：月度目标' }).click();
	await expect(target.getByTestId('dispute-reason')).toBeFocused();
	await target.getByTestId('dispute-reason').fill(REASON);
	await expectNoAxeViolations(phone);
	await phone.screenshot({ path: `${SHOTS}/statement-dispute-form-zh-CN-390x844.png`, fullPage: true });
	await target.getByTestId('dispute-submit').click();
	const filed = target.getByTestId('appeal');
	await expect(filed).toHaveAttribute('data-status', 'open');
	await expect(filed).toContainText('待答复');
	await expect(filed).toContainText('答复期限');
	await expect(filed).toContainText(REASON);
	await expect(target.getByRole('status')).toHaveText('申诉已提交。');
	await expect(target.getByTestId('dispute-withdraw')).toBeVisible();
	// The rule cannot be disputed again while this dispute stands.
	await expect(target.getByTestId('dispute-open')).toHaveCount(0);
	await expectNoSideScroll(phone, PHONE.width);
	await expectNoAxeViolations(phone);
	await phone.screenshot({ path: `${SHOTS}/statement-dispute-filed-zh-CN-390x844.png`, fullPage: true });

	// The supervisor finds it in the inbox, in English on a laptop.
	const desk = await signedIn(browser, STAFF.supervisor.email, DESK, 'en-US');
	await desk.goto(`${server.url}/attendance/appeals`);
	await expect(desk.getByRole('heading', { level: 1, name: 'Attendance appeals' })).toBeVisible();
	const row = desk.locator('[data-testid="appeal-row"][data-kind="statement"]', { hasText: REASON });
	await expect(row).toHaveCount(1);
	await expect(row.getByTestId('appeal-statement')).toContainText('Statement');
	await expect(row.getByTestId('appeal-statement')).toContainText('Monthly target');
	await expect(row).toContainText('Open');
	await desk.getByText('Answer the dispute').click();
	const form = desk.getByTestId('dispute-answer-form');
	await form.getByTestId('dispute-accept').check();
	await form.getByTestId('dispute-adjustment-input').fill('0');
	await form.getByTestId('dispute-answer-text').fill(ANSWER);
	await form.getByTestId('dispute-answer-submit').click();
	await expect(form.getByRole('alert')).toHaveText('The adjustment cannot be 0.');
	await form.getByTestId('dispute-adjustment-input').fill('+37');
	await expectNoAxeViolations(desk);
	await desk.screenshot({ path: `${SHOTS}/statement-dispute-inbox-en-US-1280x720.png`, fullPage: true });
	await form.getByTestId('dispute-answer-submit').click();
	await expect(row).toHaveCount(0);
	await desk.goto(`${server.url}/attendance/appeals?answered=1`);
	const answered = desk.locator('[data-testid="appeal-row"][data-kind="statement"]', { hasText: REASON });
	await expect(answered).toContainText('Accepted');
	await expect(answered.getByTestId('appeal-adjustment')).toHaveText('+37 yuan');
	await expectNoAxeViolations(desk);
	await desk.screenshot({ path: `${SHOTS}/statement-dispute-answered-en-US-1280x720.png`, fullPage: true });

	// The caller's statement shows the adjustment, and the net 37 yuan above the rules' lines.
	await phone.reload();
	const adjustment = phone.locator('[data-testid="statement-line"][data-rule="adjustment"]');
	await expect(adjustment).toHaveCount(1);
	await expect(adjustment).toContainText('申诉调整（月度目标）');
	await expect(adjustment.getByTestId('statement-amount')).toContainText('+37 元');
	await expect(adjustment).toContainText(`申诉通过，增加 37 元：${ANSWER}`);
	await expect(adjustment.getByTestId('dispute-open')).toHaveCount(0);
	const accepted = target.getByTestId('appeal');
	await expect(accepted).toHaveAttribute('data-status', 'accepted');
	await expect(accepted.getByTestId('dispute-adjustment')).toHaveText('调整 +37 元');
	await expect(accepted.getByTestId('appeal-answer')).toContainText(ANSWER);
	// Read with the rules' lines from the API at the same time, again if a day ends in between
	// (a finished day's connected calls join the statement at the site's midnight).
	await expect(async () => {
		await phone.reload();
		const shown = shownYuan((await phone.getByTestId('statement-net').textContent()) ?? '');
		const lines = await statement(month);
		expect(lines.filter((l) => l.rule === 'adjustment')).toEqual([
			expect.objectContaining({ kind: 'reward', amount: 37 })
		]);
		expect(shown).toBeCloseTo(net(lines.filter((l) => l.rule !== 'adjustment')) + 37, 2);
	}).toPass({ timeout: 30_000 });
	await expectNoSideScroll(phone, PHONE.width);
	await expectNoAxeViolations(phone);
	await phone.screenshot({ path: `${SHOTS}/statement-dispute-adjusted-zh-CN-390x844.png`, fullPage: true });
});
