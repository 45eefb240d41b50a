// The agent's web clock on /me, on a phone, on a server of this file's own:
// one tap clocks in at the server's time and the card says so; a second tap
// within the minute is the same punch; then "clock out" is the suggested
// one. The kiosk PIN is set on the same card (a PIN too easy to guess is
// refused in words). Axe in Chinese and English, screenshots. The seed has
// a month of punches, today's too for shifts under way: the test takes an
// agent with none today.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { STAFF } from '../support/demo';
import { agentsWithoutPunches, shanghaiMidnight } from './attendance-support';
import { signInAsDisplay, WallServer } from './wall-support';

const PHONE = { width: 390, height: 844 };
const SHOTS = 'test-results/screenshots';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

/** An agent's punches today (where the card's "today" begins), as the supervisor reads them. */
async function punchesToday(agentId: string): Promise<{ punched_at: string; source: string; direction: string }[]> {
	const response = await server.restAs(
		STAFF.supervisor.email,
		`punches?select=punched_at,source,direction&agent_id=eq.${agentId}&punched_at=gte.${shanghaiMidnight()}&order=punched_at`,
		{ method: 'GET' }
	);
	expect(response.ok).toBe(true);
	return (await response.json()) as { punched_at: string; source: string; direction: string }[];
}

test('an agent clocks in on /me with one tap, and sets a kiosk PIN', async ({ browser }) => {
	test.setTimeout(90_000);
	// One with no punch yet today: off today, or their shift has not begun.
	const [agent] = await agentsWithoutPunches(server, { from: shanghaiMidnight(), to: shanghaiMidnight(1) }, 1);
	if (!agent) throw new Error('no agent');
	const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, agent.email);
	await expect(page).toHaveURL(/\/me$/);
	const card = page.getByTestId('clock-card');
	await expect(card.getByRole('heading', { name: '上下班打卡' })).toBeVisible();
	await expect(card).toContainText('今天还没有打卡。');
	await expect(card.getByTestId('clock-in')).toHaveClass(/primary/);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/clock-before.png`, fullPage: true });

	const before = Date.now();
	await card.getByTestId('clock-in').click();
	await expect(card.getByTestId('clock-result')).toContainText(/已于 \d\d:\d\d 上班打卡/);
	await expect(card.getByTestId('clock-shift')).toBeVisible();
	await expect(card.getByTestId('clock-punches').getByRole('listitem')).toHaveCount(1);
	await expect(card.getByTestId('clock-out')).toHaveClass(/primary/);
	const [punch, ...more] = await punchesToday(agent.agentId);
	expect(more).toEqual([]);
	expect(punch).toMatchObject({ source: 'web', direction: 'in' });
	expect(Math.abs(Date.parse(punch?.punched_at ?? '') - before)).toBeLessThan(10_000);
	await page.screenshot({ path: `${SHOTS}/clock-in.png`, fullPage: true });

	// A second tap within the minute is the same punch.
	await card.getByTestId('clock-in').click();
	await expect(card.getByTestId('clock-result')).toContainText('上班打卡');
	expect(await punchesToday(agent.agentId)).toHaveLength(1);

	// The kiosk PIN: one too easy to guess is refused in words, a good one saved.
	await expect(card.getByTestId('pin-form')).toContainText('门口考勤机密码设置于');
	await card.getByTestId('pin-input').fill('1234');
	await card.getByRole('button', { name: '保存密码' }).click();
	await expect(card.getByTestId('pin-form')).toContainText('不能是 1234 这样的连续数字');
	await card.getByTestId('pin-input').fill('7391');
	await card.getByRole('button', { name: '保存密码' }).click();
	await expect(card.getByTestId('pin-form')).toContainText('密码已保存。');
	await expect(page.locator('body')).not.toContainText('7391');

	// Nothing wider than the phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
	// The language is in the top bar, behind the menu on a phone.
	await page.getByTestId('menu-button').click();
	await page.getByTestId('locale-switch').selectOption('en');
	await expect(page.getByTestId('clock-card').getByRole('heading', { name: 'Clock in and out' })).toBeVisible();
	await expect(page.getByTestId('clock-punches').getByRole('listitem')).toHaveCount(1);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/clock-en.png`, fullPage: true });
	await context.close();
});
