// Leave requests end to end, on a server of this file's own: agent03 (with a
// long name) files sick leave for next Monday on a phone; lead1 sees the
// badge and approves it in the inbox at a laptop; the supervisor approves
// the second step in English; the day is then judged as leave, and the
// agent sees the request approved with every step. Also: an empty request
// list, a request the agent cancels, and the rejection reason rule. Axe on
// every page in both locales, screenshots of each. The seed has requests
// and an appeal of its own (agent05's leave waits for lead1): inboxes are
// read for this test's request, badges against the count before it.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, demoAgent, demoLead, STAFF } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';
const LONG_NAME = '欧阳娜娜娜 Alexandra-Konstantina Wolfeschlegelsteinhausen';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

/** The Monday of the Shanghai week after this one (the seed publishes it for every team). */
function nextMonday(): string {
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
	const ms = Date.parse(`${today}T00:00:00Z`) + (7 - ((weekday + 6) % 7)) * 86_400_000;
	return new Date(ms).toISOString().slice(0, 10);
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

async function dayStatus(agentId: string, day: string): Promise<string | undefined> {
	const response = await server.restAs(
		STAFF.supervisor.email,
		`attendance_days?select=status&agent_id=eq.${agentId}&work_date=eq.${day}`,
		{ method: 'GET' }
	);
	const rows = (await response.json()) as { status: string }[];
	return rows[0]?.status;
}

/** What the navigation badge counts for a login: the requests and appeals waiting for their decision. */
async function waitingFor(email: string): Promise<number> {
	let waiting = 0;
	for (const counter of ['attendance_requests_waiting', 'attendance_appeals_waiting']) {
		const response = await server.restAs(email, `rpc/${counter}`, {
			method: 'POST',
			body: { site_id: DEMO_SITE }
		});
		expect(response.ok).toBe(true);
		waiting += Number(await response.json());
	}
	return waiting;
}

/** The badge beside Attendance says `waiting` (the number, then the words a screen reader says), or is absent at zero. */
async function expectBadge(page: Page, waiting: number, words: (n: number) => string): Promise<void> {
	const badge = page.getByTestId('nav-count-attendance');
	if (waiting === 0) await expect(badge).toHaveCount(0);
	else await expect(badge).toHaveText(`${waiting}${words(waiting)}`);
}

test('sick leave filed on a phone, approved by the lead then the supervisor, judges the day as leave', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const monday = nextMonday();
	const agent = demoAgent(3);
	const renamed = await server.restAs(STAFF.supervisor.email, `agents?id=eq.${agent.agentId}`, {
		method: 'PATCH',
		body: { display_name: LONG_NAME }
	});
	expect(renamed.ok).toBe(true);
	const leadWaiting = await waitingFor(demoLead(1).email);

	// agent03 on a phone files a whole day of sick leave.
	const a = await signedIn(browser, agent.email, PHONE);
	await a.goto(`${server.url}/me/requests`);
	await expect(a.getByRole('heading', { name: '请假与申请' })).toBeVisible();
	await expect(a.getByTestId('balance-annual')).toContainText('年假');
	await a.getByTestId('request-leave-type').selectOption('sick');
	await a.getByTestId('request-from').fill(monday);
	await a.getByTestId('request-to').fill(monday);
	await a.getByTestId('request-reason').fill('发烧，周一上午去医院');
	await a.getByTestId('request-submit').click();
	const card = a.getByTestId('my-requests').locator('article');
	await expect(card).toHaveCount(1);
	await expect(card.getByTestId('request-status')).toHaveText('待审批');
	await expect(card).toContainText('病假');
	await expect(card).toContainText('等待组长审批');
	await expect(card).toContainText('发烧，周一上午去医院');
	await expectNoSideScroll(a, PHONE.width);
	await a.screenshot({ path: `${SHOTS}/requests-filed-zh-CN-390x844.png`, fullPage: true });
	await expectNoAxeViolations(a);

	// lead1 at a laptop: the badge, then the inbox.
	const lead = await signedIn(browser, demoLead(1).email, DESK);
	await lead.goto(`${server.url}/attendance/requests`);
	const zh = (n: number) => `${n} 项待处理`;
	await expectBadge(lead, leadWaiting + 1, zh);
	const waiting = lead.getByTestId('inbox-mine').locator('article').filter({ hasText: LONG_NAME });
	await expect(waiting).toHaveCount(1);
	await expect(waiting.getByTestId('request-agent')).toContainText(LONG_NAME);
	await expect(waiting).toContainText('热线一组 Hotline A');
	await lead.screenshot({ path: `${SHOTS}/requests-inbox-lead-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(lead);
	// A rejection needs a reason: the button waits for one.
	await expect(waiting.getByTestId('request-reject')).toBeDisabled();
	await waiting.getByTestId('request-comment').fill('同意，好好休息');
	await waiting.getByTestId('request-approve').click();
	await expect(waiting).toHaveCount(0);
	const others = lead.getByTestId('inbox-others').locator('article').filter({ hasText: LONG_NAME });
	await expect(others).toHaveCount(1);
	await expect(others).toContainText('等待主管审批');
	await expectBadge(lead, leadWaiting, zh);
	await lead.screenshot({ path: `${SHOTS}/requests-inbox-lead-after-zh-CN-1280x720.png`, fullPage: true });

	// The supervisor approves the second step, in English.
	const sup = await signedIn(browser, STAFF.supervisor.email, DESK, 'en-US');
	await sup.goto(`${server.url}/attendance/requests`);
	const step2 = sup.getByTestId('inbox-mine').locator('article').filter({ hasText: LONG_NAME });
	await expect(step2).toHaveCount(1);
	await expect(step2).toContainText('Sick leave');
	await expect(step2).toContainText('Waiting for the supervisor');
	await sup.screenshot({ path: `${SHOTS}/requests-inbox-supervisor-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(sup);
	const supWaiting = await waitingFor(STAFF.supervisor.email);
	await expectBadge(sup, supWaiting, (n) => `${n} waiting`);
	await step2.getByTestId('request-approve').click();
	await expect(step2).toHaveCount(0);
	await expectBadge(sup, supWaiting - 1, (n) => `${n} waiting`);
	const history = sup.getByTestId('inbox-history');
	await expect(history).toContainText(LONG_NAME);
	await expect(history).toContainText('Approved');
	await sup.screenshot({ path: `${SHOTS}/requests-inbox-decided-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(sup);

	// The day is re-judged as leave.
	await expect.poll(() => dayStatus(agent.agentId, monday), { timeout: 5_000 }).toBe('leave');

	// The agent sees it approved, with every step.
	await a.reload();
	await expect(card.getByTestId('request-status')).toHaveText('已批准');
	await card.locator('summary').click();
	await expect(card.locator('li')).toHaveText([
		/提交 · /,
		/组长一 Lead 1（组长） 批准 · .*同意，好好休息/,
		/（主管） 批准 · /
	]);
	await expectNoSideScroll(a, PHONE.width);
	await a.screenshot({ path: `${SHOTS}/requests-approved-zh-CN-390x844.png`, fullPage: true });
	await expectNoAxeViolations(a);
});

test('an agent with no requests sees the empty list, files an outing in English and cancels it', async ({
	browser
}) => {
	const monday = nextMonday();
	const en = await signedIn(browser, demoAgent(35).email, PHONE, 'en-US');
	await en.goto(`${server.url}/me/requests`);
	await expect(en.getByTestId('my-requests-empty')).toHaveText('You have filed no requests in the last 60 days.');
	await en.screenshot({ path: `${SHOTS}/requests-empty-en-390x844.png`, fullPage: true });
	await expectNoAxeViolations(en);

	// Both times or neither.
	await en.getByTestId('request-kind').selectOption('outing');
	await en.getByTestId('request-from').fill(monday);
	await en.getByTestId('request-to').fill(monday);
	await en.getByTestId('request-from-time').fill('14:00');
	await en.getByTestId('request-submit').click();
	await expect(en.getByTestId('request-form-problem')).toHaveText('Fill in the days, and both times or neither.');
	await en.getByTestId('request-to-time').fill('17:30');
	await en.getByTestId('request-reason').fill('Visit a customer in Pudong');
	await en.getByTestId('request-submit').click();
	const card = en.getByTestId('my-requests').locator('article');
	await expect(card.getByTestId('request-status')).toHaveText('Pending');
	await expect(card).toContainText('Business outing');
	await expect(card).toContainText('14:00');
	await expect(card).toContainText('17:30');
	await expectNoSideScroll(en, PHONE.width);
	await en.screenshot({ path: `${SHOTS}/requests-outing-en-390x844.png`, fullPage: true });
	await expectNoAxeViolations(en);

	await card.getByTestId('request-cancel').click();
	await card.getByTestId('request-cancel-sure').click();
	await expect(card.getByTestId('request-status')).toHaveText('Cancelled');
	await expect(card.getByTestId('request-cancel')).toHaveCount(0);
});

test('a lead with nothing to decide sees empty inbox sections', async ({ browser }) => {
	const lead = await signedIn(browser, demoLead(2).email, DESK, 'en-US');
	await lead.goto(`${server.url}/attendance/requests`);
	await expect(lead.getByTestId('inbox-mine-empty')).toHaveText('Nothing waits for your decision.');
	await expect(lead.getByTestId('nav-count-attendance')).toHaveCount(0);
	await lead.screenshot({ path: `${SHOTS}/requests-inbox-empty-en-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(lead);
});
