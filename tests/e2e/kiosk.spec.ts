// The entrance kiosk end to end, on a server of this file's own: the kiosk
// account signs in once and lands on its keypad; agent01 punches in with
// the PIN typed on the keypad; a wrong PIN is refused and nothing stored;
// with the network cut (context.setOffline) a punch is kept on the tablet
// and, when the network is back, uploaded with the time it was made (the
// server's receipt comes later, both are kept). Axe in Chinese and English,
// screenshots of each state.
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_KIOSK_PIN, demoAgent, STAFF } from '../support/demo';
import { signInAsDisplay, WallServer } from './wall-support';

const TABLET = { width: 1280, height: 800 };
const SHOTS = 'test-results/screenshots';
/** How long the tablet stays offline with a punch waiting. */
const OFFLINE_MS = 1_000;

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

interface StoredPunch {
	punched_at: string;
	device_time: string | null;
	received_at: string;
	source: string;
	direction: string | null;
	device: string | null;
	needs_review: boolean;
}

/** An agent's punches received since `since` (the seed's month of punches came before), as the supervisor reads them through the API. */
async function punchesOf(agentId: string, since: string): Promise<StoredPunch[]> {
	const response = await server.restAs(
		STAFF.supervisor.email,
		`punches?select=punched_at,device_time,received_at,source,direction,device,needs_review&agent_id=eq.${agentId}&received_at=gte.${since}&order=punched_at`,
		{ method: 'GET' }
	);
	expect(response.ok).toBe(true);
	return (await response.json()) as StoredPunch[];
}

/** Types the employee number with the device keyboard and the PIN on the kiosk's keypad. */
async function typeCredentials(page: Page, employeeNo: string, pin: string): Promise<void> {
	await page.getByTestId('kiosk-employee').fill(employeeNo);
	await page.getByTestId('kiosk-pin').focus();
	for (const digit of pin) await page.getByTestId(`key-${digit}`).click();
}

test('a kiosk takes punches by PIN, refuses a wrong one and uploads what it kept offline', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ viewport: TABLET, locale: 'zh-CN' });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, STAFF.kiosk.email);
	await expect(page).toHaveURL(/\/kiosk$/);
	await expect(page.getByRole('heading', { name: '考勤打卡机' })).toBeVisible();
	await expect(page.getByText('Demo Realty Call Center')).toBeVisible();
	await expect(page.getByTestId('kiosk-network')).toHaveText('在线');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/kiosk-zh.png` });

	// agent01 punches in with the demo PIN.
	const since = new Date().toISOString();
	const agent1 = demoAgent(1);
	await typeCredentials(page, 'E001', DEMO_KIOSK_PIN);
	await expect(page.getByTestId('kiosk-pin')).toHaveValue(DEMO_KIOSK_PIN);
	await page.getByTestId('kiosk-in').click();
	const result = page.getByTestId('kiosk-result');
	await expect(result).toHaveAttribute('data-result', 'punched');
	await expect(result).toContainText('上班打卡成功');
	await expect(page.getByTestId('kiosk-pin')).toHaveValue('');
	await page.screenshot({ path: `${SHOTS}/kiosk-punched.png` });
	const [first, ...more] = await punchesOf(agent1.agentId, since);
	expect(more).toEqual([]);
	expect(first).toMatchObject({ source: 'kiosk', direction: 'in', needs_review: false });
	expect(first?.device).toMatch(/^kiosk-[0-9a-f]{8}$/);

	// A wrong PIN: refused with the tries left, nothing stored.
	const agent2 = demoAgent(2);
	await typeCredentials(page, 'E002', '1111');
	await page.getByTestId('kiosk-in').click();
	await expect(result).toHaveAttribute('data-result', 'wrong_pin');
	await expect(result).toContainText('工号或密码错误，还可尝试 4 次');
	await expect(page.getByTestId('kiosk-employee')).toHaveValue('E002');
	await page.screenshot({ path: `${SHOTS}/kiosk-wrong-pin.png` });
	expect(await punchesOf(agent2.agentId, since)).toEqual([]);

	// The network goes: agent03's punch waits on the tablet.
	const agent3 = demoAgent(3);
	await context.setOffline(true);
	await expect(page.getByTestId('kiosk-network')).toHaveText('离线');
	await typeCredentials(page, 'E003', DEMO_KIOSK_PIN);
	await page.getByTestId('kiosk-in').click();
	await expect(result).toHaveAttribute('data-result', 'queued');
	await expect(page.getByTestId('kiosk-waiting')).toHaveText('1 条打卡待上传');
	const queued = await page.evaluate(() => localStorage.getItem('callboard.kiosk.queue'));
	const deviceTime = (JSON.parse(queued ?? '[]') as { deviceTime: string }[])[0]?.deviceTime;
	expect(deviceTime).toBeDefined();
	await page.screenshot({ path: `${SHOTS}/kiosk-offline.png` });
	expect(await punchesOf(agent3.agentId, since)).toEqual([]);

	// A second later it is back: the punch goes up with the time it was made
	// (a second apart is plenty to tell the two times; longer only slows the suite).
	await page.waitForTimeout(OFFLINE_MS);
	await context.setOffline(false);
	await expect(page.getByTestId('kiosk-network')).toHaveText('在线');
	await expect(page.getByTestId('kiosk-waiting')).toHaveCount(0, { timeout: 20_000 });
	await expect(page.getByTestId('kiosk-uploads')).toContainText('已上传：E003');
	// The "saved" notice gives way to what became of the punch.
	await expect(result).toHaveAttribute('data-result', 'punched');
	expect(await page.evaluate(() => localStorage.getItem('callboard.kiosk.queue'))).toBeNull();
	await page.screenshot({ path: `${SHOTS}/kiosk-uploaded.png` });
	const [uploaded, ...again] = await punchesOf(agent3.agentId, since);
	expect(again).toEqual([]);
	expect(uploaded).toMatchObject({ source: 'kiosk', direction: 'in', needs_review: false });
	expect(Date.parse(uploaded?.punched_at ?? '')).toBe(Date.parse(deviceTime ?? ''));
	expect(Date.parse(uploaded?.device_time ?? '')).toBe(Date.parse(deviceTime ?? ''));
	expect(Date.parse(uploaded?.received_at ?? '') - Date.parse(deviceTime ?? '')).toBeGreaterThanOrEqual(OFFLINE_MS);

	// The same screen in English.
	await page.getByTestId('locale-switch').selectOption('en');
	await expect(page.getByRole('heading', { name: 'Attendance kiosk' })).toBeVisible();
	await expect(page.getByTestId('kiosk-in')).toHaveText('Clock in');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/kiosk-en.png` });
	await context.close();
});

test('the kiosk page is for kiosk accounts only', async ({ browser }) => {
	const context = await browser.newContext({ viewport: TABLET, locale: 'zh-CN' });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, demoAgent(4).email);
	await page.goto(`${server.url}/kiosk`);
	await expect(page.getByTestId('kiosk-not-kiosk')).toContainText('坐席');
	await expect(page.getByTestId('kiosk-employee')).toHaveCount(0);
	await expectNoAxeViolations(page);
	await context.close();
});

test('a supervisor gives an agent a new kiosk PIN', async ({ browser }) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, STAFF.supervisor.email);
	await page.goto(`${server.url}/settings/kiosk`);
	const table = page.getByTestId('kiosk-pins');
	await expect(table.getByRole('row')).toHaveCount(41);
	const row = table.getByRole('row').filter({ hasText: 'E006' });
	await row.getByRole('textbox').fill('7391');
	await row.getByRole('button', { name: '保存密码' }).click();
	await expect(row).toContainText('密码已保存。');
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/kiosk-pins.png` });

	// The kiosk takes the new PIN and no longer the old one.
	const punch = async (pin: string) => {
		const response = await server.restAs(STAFF.kiosk.email, 'rpc/kiosk_punch', {
			method: 'POST',
			body: { employee_no: 'E006', pin, direction: 'in' }
		});
		expect(response.ok).toBe(true);
		return ((await response.json()) as { result: string }).result;
	};
	expect(await punch(DEMO_KIOSK_PIN)).toBe('wrong_pin');
	expect(await punch('7391')).toBe('punched');
	await context.close();
});

/** One REST call with the service key (setup the app itself never makes: a team and shift made on the spot). */
async function asService(pathAndQuery: string, method: string, body: unknown): Promise<unknown> {
	const response = await fetch(`${server.url}/rest/v1/${pathAndQuery}`, {
		method,
		headers: {
			apikey: server.serviceKey,
			authorization: `Bearer ${server.serviceKey}`,
			'content-type': 'application/json',
			prefer: 'return=representation'
		},
		body: JSON.stringify(body)
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${pathAndQuery} answered ${response.status}: ${text}`);
	return text === '' ? null : JSON.parse(text);
}

/** The Shanghai wall clock `minutesAgo` minutes ago, to the minute: its date, the Monday of its week and hh:mm. */
function shanghaiMinute(minutesAgo: number): { day: string; monday: string; time: string } {
	const local = new Date(Math.floor((Date.now() + 8 * 3_600_000) / 60_000) * 60_000 - minutesAgo * 60_000);
	const day = local.toISOString().slice(0, 10);
	const monday = new Date(local.getTime() - ((local.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
	return { day, monday, time: local.toISOString().slice(11, 16) };
}

test('a punch for a shift that began 12 minutes ago shows the shift and the lateness', async ({ browser }) => {
	test.setTimeout(90_000);
	// A team of one with a published shift from 12 minutes ago, judged whatever day this is.
	const site = '5a000000-0000-4000-8000-000000000001';
	const team = '7e000000-0000-4000-8000-0000000000d1';
	const agent = 'ac000000-0000-4000-8000-0000000009d1';
	const start = shanghaiMinute(12);
	const end = shanghaiMinute(12 - 8 * 60);
	await asService('attendance_policies?site_id=eq.' + site, 'PATCH', { judge_rest_days: true, judge_holidays: true });
	await asService('teams', 'POST', { id: team, site_id: site, name: '门口测试组 Kiosk test' });
	await asService('agents', 'POST', {
		id: agent,
		site_id: site,
		team_id: team,
		display_name: '欧阳晓东',
		employee_no: 'E900'
	});
	const [schedule] = (await asService('schedules', 'POST', {
		site_id: site,
		team_id: team,
		week_start: start.monday,
		version: 1
	})) as { id: string }[];
	await asService('schedule_shifts', 'POST', {
		site_id: site,
		schedule_id: schedule?.id,
		agent_id: agent,
		day: start.day,
		starts_at: start.time,
		ends_at: end.time
	});
	await asService(`schedules?id=eq.${schedule?.id}`, 'PATCH', { status: 'published' });
	const pin = await server.restAs(STAFF.supervisor.email, 'rpc/set_agent_pin', {
		method: 'POST',
		body: { agent_id: agent, pin: '7391' }
	});
	expect(pin.ok).toBe(true);

	const context = await browser.newContext({ viewport: TABLET, locale: 'zh-CN' });
	const page = await context.newPage();
	await signInAsDisplay(page, server.url, STAFF.kiosk.email);
	await typeCredentials(page, 'E900', '7391');
	await page.getByTestId('kiosk-in').click();
	const result = page.getByTestId('kiosk-result');
	await expect(result).toContainText('欧阳晓东');
	await expect(result).toContainText(`班次 ${start.time}–${end.time}`);
	await expect(page.getByTestId('kiosk-late')).toHaveText(/^迟到 1[23] 分钟$/);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: `${SHOTS}/kiosk-late.png` });
	await context.close();
});
