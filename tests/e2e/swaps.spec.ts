// Shift swaps end to end, on a server of this file's own (approving one
// publishes a new version of a week): agent01 on a phone offers next
// Monday's early shift to agent02 in exchange for their split shift; agent02,
// in a second browser, accepts on My swaps; lead1, in a third, approves; and
// agent01's week then shows the split shift. The inboxes are live: agent02's
// and lead1's pages, open before the proposal, and agent01's My swaps show
// each step without a reload, and the navigation's badges count what waits. A proposal that would break a
// rule is refused with the rule named, in Chinese and in English. Axe on
// the three pages, screenshots of each.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_SITE, demoAgent, demoLead } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 720 };
const SHOTS = 'test-results/screenshots';

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

const dayAfter = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An agent's name as the seed made it (read through the API as that agent's teammate). */
async function agentName(asEmail: string, agentId: string): Promise<string> {
	const response = await server.restAs(asEmail, `agents?select=display_name&id=eq.${agentId}`, { method: 'GET' });
	const rows = (await response.json()) as { display_name: string }[];
	const name = rows[0]?.display_name;
	if (!name) throw new Error(`no agent ${agentId} readable by ${asEmail}`);
	return name;
}

/** What the navigation badge counts for a login: the swaps waiting for their answer or decision. */
async function swapsWaiting(email: string): Promise<number> {
	const response = await server.restAs(email, 'rpc/shift_swaps_waiting', {
		method: 'POST',
		body: { site_id: DEMO_SITE }
	});
	expect(response.ok).toBe(true);
	return Number(await response.json());
}

/** The page is live (its swap topics joined), and marked so that a reload would show: see stillTheSamePage. */
async function openLive(page: Page): Promise<void> {
	await expect(page.getByTestId('swaps-live')).toHaveAttribute('data-live', 'joined');
	await page.evaluate(() => Object.assign(window, { swapsNotReloaded: true }));
}

/** The page was not reloaded since openLive: what it shows came live. */
async function expectNotReloaded(page: Page): Promise<void> {
	expect(await page.evaluate(() => 'swapsNotReloaded' in window)).toBe(true);
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

test('a swap proposed, accepted and approved becomes the agent’s new published week', async ({ browser }) => {
	test.setTimeout(120_000);
	const monday = nextMonday();
	const agentA = demoAgent(1);
	const agentB = demoAgent(2);
	const nameB = await agentName(agentA.email, agentB.agentId);

	// agent02 at a desk and lead1 at a laptop have their swap pages open before anything is proposed.
	const b = await signedIn(browser, agentB.email, DESK);
	await b.goto(`${server.url}/me/swaps`);
	await openLive(b);
	const lead = await signedIn(browser, demoLead(1).email, DESK);
	await lead.goto(`${server.url}/schedules/swaps`);
	await openLive(lead);

	// agent01 on a phone: next Monday's early shift, exchanged for agent02's split shift.
	const a = await signedIn(browser, agentA.email, PHONE);
	await a.goto(`${server.url}/me/schedule/${monday}`);
	const day = a.getByTestId(`my-day-${monday}`);
	await expect(day).toContainText('早班 Early');
	await expect(day).toContainText('08:00–16:30');
	await day.getByTestId('swap-open').click();
	const panel = day.getByTestId('swap-panel');
	const choice = panel.getByRole('radio', { name: new RegExp(`${nameB}.*两头班 Split 08:00–20:00`) });
	await expect(choice).toBeVisible();
	// agent06 and agent07 are off on Mondays: they would take the shift.
	await expect(panel.getByText('当天休息：接替你的班次')).toHaveCount(2);
	await choice.check();
	await panel.getByTestId('swap-note').fill('周一上午要去看牙医');
	await a.screenshot({ path: `${SHOTS}/swaps-propose-zh-CN-390x844.png`, fullPage: true });
	await expectNoAxeViolations(a);
	await panel.getByTestId('swap-send').click();
	await expect(panel.getByTestId('swap-sent')).toContainText(`已向 ${nameB} 发送换班申请`);
	await expectNoSideScroll(a, PHONE.width);

	// agent02's open page shows the proposal, and the badge beside My day counts it.
	const asked = b.getByTestId('swaps-asked').locator('article');
	await expect(asked).toHaveCount(1);
	await expect(asked.getByTestId('swap-status')).toHaveText('等你确认');
	const waitingB = await swapsWaiting(agentB.email);
	expect(waitingB).toBeGreaterThan(0);
	await expect(b.getByTestId('nav-count-my-day')).toHaveText(`${waitingB}${waitingB} 项待处理`);
	await expectNotReloaded(b);
	// lead1's open desk lists it as waiting for the colleague.
	await expect(lead.getByTestId('swaps-waiting').locator('article')).toHaveCount(1);
	await expectNotReloaded(lead);

	// From My schedule (which follows agent01's topic too) to My swaps: live there as well.
	await panel.getByRole('link', { name: '我的换班' }).click();
	await expect(a).toHaveURL(/\/me\/swaps$/);
	await openLive(a);
	const mine = a.getByTestId('swaps-mine').locator('article');
	await expect(mine).toHaveCount(1);
	await expect(mine.getByTestId('swap-status')).toHaveText('等待同事确认');
	await expect(mine).toContainText('备注：周一上午要去看牙医');
	await expect(mine.getByTestId('swap-cancel')).toBeVisible();
	await expectNoSideScroll(a, PHONE.width);
	await a.screenshot({ path: `${SHOTS}/swaps-mine-zh-CN-390x844.png`, fullPage: true });
	await expectNoAxeViolations(a);

	// agent02 accepts.
	await expect(asked).toContainText('两头班 Split 08:00–20:00');
	await expect(asked.getByTestId('swap-status')).toHaveText('等你确认');
	await expect(asked).toContainText('互换班次');
	await b.screenshot({ path: `${SHOTS}/swaps-asked-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(b);
	await asked.getByTestId('swap-accept').click();
	await expect(asked.getByTestId('swap-status')).toHaveText('等待审批');
	await expect(asked.getByTestId('swap-accept')).toHaveCount(0);
	await expect(b.getByTestId('nav-count-my-day')).toHaveCount(waitingB > 1 ? 1 : 0);

	// lead1's open desk shows it waiting for approval, with the badge beside Schedules; agent01's
	// open page says it waits for the lead.
	const pending = lead.getByTestId('swaps-pending').locator('article');
	await expect(pending).toHaveCount(1);
	await expect(lead.getByTestId('swaps-waiting')).toHaveCount(0);
	const waitingLead = await swapsWaiting(demoLead(1).email);
	await expect(lead.getByTestId('nav-count-schedules')).toHaveText(`${waitingLead}${waitingLead} 项待处理`);
	await expectNotReloaded(lead);
	await expect(mine.getByTestId('swap-status')).toHaveText('等待审批');
	await expectNotReloaded(a);
	await expect(pending).toContainText(nameB);
	await expect(pending).toContainText('热线一组 Hotline A');
	await lead.screenshot({ path: `${SHOTS}/swaps-desk-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(lead);
	// A rejection needs a reason; the approval does not.
	await pending.getByTestId('swap-reject').click();
	await expect(pending.getByTestId('swap-problem')).toHaveText('请填写驳回理由。');
	await pending.getByTestId('swap-approve').click();
	await expect(lead.getByTestId('swaps-pending').locator('article')).toHaveCount(0);
	const decided = lead.getByTestId('swaps-recent').locator('article');
	await expect(decided).toHaveCount(1);
	await expect(decided.getByTestId('swap-status')).toHaveText('已批准');
	await expect(decided.getByTestId('swap-version')).toHaveText('已发布为第 2 版');
	await expect(decided).toContainText('组长一 Lead 1 批准');
	await lead.screenshot({ path: `${SHOTS}/swaps-desk-decided-zh-CN-1280x720.png`, fullPage: true });
	await expectNoAxeViolations(lead);
	// agent01's and agent02's open pages show the approval.
	await expect(mine.getByTestId('swap-status')).toHaveText('已批准');
	await expectNotReloaded(a);
	await expect(asked.getByTestId('swap-status')).toHaveText('已批准');
	await expectNotReloaded(b);
	await a.screenshot({ path: `${SHOTS}/swaps-mine-approved-live-zh-CN-390x844.png`, fullPage: true });

	// agent01's week is the new published version: the split shift on Monday.
	await a.goto(`${server.url}/me/schedule/${monday}`);
	await expect(day).toContainText('两头班 Split');
	await expect(day).toContainText('08:00–20:00');
	await expect(day).not.toContainText('早班 Early');
	await expect(a.getByTestId('my-total')).toHaveText('本周计薪工时：40:00');
	await a.screenshot({ path: `${SHOTS}/swaps-new-week-zh-CN-390x844.png`, fullPage: true });
	await a.goto(`${server.url}/me/swaps`);
	await expect(a.getByTestId('swaps-mine').getByTestId('swap-status')).toHaveText('已批准');
	await expect(a.getByTestId('swaps-mine').locator('li')).toHaveText([/ 发起 · /, / 同意 · /, /组长一 Lead 1 批准 · /]);
});

// Customer Service: agent21 works days, agent25 nights. Exchanging
// Wednesday's shifts leaves each of them 2:30 h between the night shift and
// the day shift around it.
test('a swap that would break a rule is refused with the rule named', async ({ browser }) => {
	const wednesday = dayAfter(nextMonday(), 2);
	const agent = demoAgent(21);
	const night = await agentName(agent.email, demoAgent(25).agentId);

	const zh = await signedIn(browser, agent.email, PHONE);
	await zh.goto(`${server.url}/me/schedule/${wednesday}`);
	const day = zh.getByTestId(`my-day-${wednesday}`);
	await day.getByTestId('swap-open').click();
	await day.getByRole('radio', { name: new RegExp(`${night}.*夜班 Night 22:00–06:30`) }).check();
	await day.getByTestId('swap-send').click();
	const refusal = day.getByTestId('swap-problem');
	await expect(refusal).toContainText(`已拒绝：换班后 ${night} 在`);
	await expect(refusal).toContainText('将违反规则“班次间休息”');
	// Why, from the rule's facts in the reader's words, not the database's English.
	await expect(refusal).toContainText('开始的班次前仅休息 2小时30分');
	await expect(refusal).not.toContainText('rest before the shift starting');
	await expectNoSideScroll(zh, PHONE.width);
	await zh.screenshot({ path: `${SHOTS}/swaps-refused-zh-CN-390x844.png`, fullPage: true });
	await expectNoAxeViolations(zh);

	const en = await signedIn(browser, agent.email, PHONE, 'en-US');
	await en.goto(`${server.url}/me/schedule/${wednesday}`);
	const enDay = en.getByTestId(`my-day-${wednesday}`);
	await enDay.getByTestId('swap-open').click();
	await enDay.getByRole('radio', { name: new RegExp(`${night}.*exchange for their .*Night 22:00–06:30`) }).check();
	await enDay.getByTestId('swap-send').click();
	await expect(enDay.getByTestId('swap-problem')).toContainText(
		`Refused: the swap would break the rule “Rest between shifts” for ${night} on`
	);
	await expect(enDay.getByTestId('swap-problem')).toContainText('Only 2:30 h rest before the shift starting');
	await en.screenshot({ path: `${SHOTS}/swaps-refused-en-390x844.png`, fullPage: true });
	await expectNoAxeViolations(en);

	// Nothing was proposed.
	await en.goto(`${server.url}/me/swaps`);
	await expect(en.getByTestId('swaps-mine')).toContainText('You have not proposed a swap.');
	await expectNoAxeViolations(en);
});
