// The wallboard's acceptance (issue 5): the display signs in, opens the
// queues overview with no simulator, a known script of events is ingested
// with the service key and the sales tile shows the exact figures within
// 1 s. The server stops: the board says reconnecting, then stale within
// 35 s, dimmed. It starts again and more events are ingested at once, before
// the board has rejoined: the board comes back live by itself with numbers
// that include them — it refetched the snapshot, since no broadcast of
// those events ever reached it.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoAgent, QUEUE } from '../../support/demo';
import { ago, eventFactory, secondsIntoShanghaiDay, signInAsDisplay, WallServer } from '../wall-support';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

/** Asserts each figure of a tile by its test id, all within one deadline. */
async function expectFigures(tile: Locator, figures: Record<string, string>, deadline: number): Promise<void> {
	for (const [name, text] of Object.entries(figures)) {
		await expect(tile.getByTestId(`metric-${name}`).getByTestId('value')).toHaveText(text, {
			timeout: Math.max(50, deadline - Date.now())
		});
	}
}

async function connectionState(page: Page): Promise<string | null> {
	return page.getByTestId('connection').getAttribute('data-state');
}

test('the overview shows exact figures live, goes stale when the server stops, and recovers by snapshot', async ({
	page
}) => {
	test.setTimeout(420_000);
	// Keep the whole script inside one site day (Asia/Shanghai).
	const intoDay = secondsIntoShanghaiDay();
	if (intoDay < 300) await page.waitForTimeout((300 - intoDay) * 1000);

	// A gate on the board's realtime socket, so the test knows for sure that the
	// board has not rejoined when the second batch is ingested.
	let gateOpen = true;
	await page.routeWebSocket(/\/realtime\/v1\/websocket/, (ws) => {
		if (gateOpen) ws.connectToServer();
		else void ws.close({ code: 1011, reason: 'test gate closed' });
	});

	await signInAsDisplay(page, server.url);
	await page.goto(`${server.url}/wall`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
	const tile = page.getByTestId(`tile-${QUEUE.sales}`);
	await expect(tile.getByTestId('metric-sl').getByTestId('value')).toHaveText('—');

	// The sales hotline (SL 15 s, short abandons < 5 s, SL = within / (offered − short)):
	//   c1 answered after 10 s by 101: talk 50, hold 10, after-call work 30  → 90 s
	//   c2 answered after 20 s by 102: talk 55, hold 5, after-call work 10   → 70 s
	//   c3 abandoned after 3 s (short), c4 abandoned after 30 s
	//   c5 answered after 5 s by 103: talk 60, hold 0, after-call work 20    → 80 s
	//   c6, c7 still waiting
	// offered 7, answered 3 (2 within 15 s), abandoned 2 (1 short), handled 3:
	//   SL 2/6 = 33 %, answer rate 3/7 = 43 %, abandon rate 2/7 = 29 %,
	//   AHT 240/3 = 1:20, ASA 35/3 = 11.7 s → 0:12
	const now = Date.now();
	const T = 200; // seconds ago the script starts
	const e = eventFactory(`wall-live-${now}`);
	await server.ingest([
		e.state(demoAgent(1).agentId, 'available', ago(now, T + 60)),
		e.state(demoAgent(2).agentId, 'available', ago(now, T + 60)),
		e.state(demoAgent(3).agentId, 'available', ago(now, T + 60)),
		e.state(demoAgent(4).agentId, 'break', ago(now, T + 60)),
		e.offered('c1', QUEUE.sales, ago(now, T)),
		e.answered('c1', QUEUE.sales, demoAgent(1).agentId, ago(now, T - 10)),
		e.ended('c1', QUEUE.sales, demoAgent(1).agentId, ago(now, T - 70), 50, 10),
		e.wrapped('c1', QUEUE.sales, demoAgent(1).agentId, ago(now, T - 100)),
		e.offered('c2', QUEUE.sales, ago(now, T)),
		e.answered('c2', QUEUE.sales, demoAgent(2).agentId, ago(now, T - 20)),
		e.ended('c2', QUEUE.sales, demoAgent(2).agentId, ago(now, T - 80), 55, 5),
		e.wrapped('c2', QUEUE.sales, demoAgent(2).agentId, ago(now, T - 90)),
		e.offered('c3', QUEUE.sales, ago(now, T - 5)),
		e.abandoned('c3', QUEUE.sales, ago(now, T - 8)),
		e.offered('c4', QUEUE.sales, ago(now, T - 10)),
		e.abandoned('c4', QUEUE.sales, ago(now, T - 40)),
		e.offered('c5', QUEUE.sales, ago(now, T - 30)),
		e.answered('c5', QUEUE.sales, demoAgent(3).agentId, ago(now, T - 35)),
		e.ended('c5', QUEUE.sales, demoAgent(3).agentId, ago(now, T - 95), 60, 0),
		e.wrapped('c5', QUEUE.sales, demoAgent(3).agentId, ago(now, T - 115)),
		e.offered('c6', QUEUE.sales, ago(now, 50)),
		e.offered('c7', QUEUE.sales, ago(now, 20)),
		// now: 101 available, 102 on a call, 103 in wrap-up, 104 on a break
		e.state(demoAgent(2).agentId, 'on_call', ago(now, 5)),
		e.state(demoAgent(3).agentId, 'wrap_up', ago(now, 4))
	]);
	const deadline = Date.now() + 1_000;
	await expectFigures(
		tile,
		{ waiting: '2', sl: '33%', 'answer-rate': '43%', 'abandon-rate': '29%', aht: '1:20', asa: '0:12', offered: '7' },
		deadline
	);
	await expect(tile.getByTestId('agents-available')).toContainText('1');
	await expect(tile.getByTestId('agents-on-call')).toContainText('1');
	await expect(tile.getByTestId('agents-wrap-up')).toContainText('1');
	await expect(tile.getByTestId('agents-not-ready')).toContainText('1');
	// The oldest call (c6) has waited about 50 s, and the clock ticks in the browser.
	const wait = tile.getByTestId('metric-longest-wait').getByTestId('value');
	await expect(wait).toHaveText(/^0:5\d$|^1:0\d$/);
	const before = await wait.textContent();
	await expect(wait).not.toHaveText(before ?? '', { timeout: 3_000 });
	await expect(tile.getByTestId('metric-sl')).toHaveAttribute('data-level', 'bad');
	await expect(page.getByTestId('site-totals').getByTestId('metric-waiting').getByTestId('value')).toHaveText('2');

	// The server goes away: reconnecting at once, stale (and dimmed) within 35 s.
	await server.stop();
	await expect.poll(() => connectionState(page), { timeout: 5_000 }).toMatch(/^(reconnecting|stale)$/);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'stale', { timeout: 35_000 });
	await expect(page.getByTestId('connection')).toContainText(/数据停滞于 \d\d:\d\d:\d\d/);
	await expect(page.getByTestId('wall-frame')).toHaveAttribute('data-stale', 'true');
	await page.screenshot({ path: 'test-results/screenshots/wall-overview-stale.png' });

	// Back, and more events at once, before the board has rejoined (the gate holds it off):
	//   c6 answered (after > 15 s) by 105 and ended: talk 100, hold 20, no wrap-up yet → 120 s
	//   c8, c9 offered and answered within 15 s by 106 and 107
	// offered 9, answered 6 (4 within), abandoned 2 (1 short), handled 4, waiting 1 (c7):
	//   SL 4/8 = 50 %, answer rate 6/9 = 67 %, abandon rate 2/9 = 22 %, AHT 360/4 = 1:30
	gateOpen = false;
	await server.start();
	const later = Date.now();
	await server.ingest([
		e.answered('c6', QUEUE.sales, demoAgent(5).agentId, ago(later, 3)),
		e.ended('c6', QUEUE.sales, demoAgent(5).agentId, ago(later, 1), 100, 20),
		e.offered('c8', QUEUE.sales, ago(later, 12)),
		e.answered('c8', QUEUE.sales, demoAgent(6).agentId, ago(later, 6)),
		e.offered('c9', QUEUE.sales, ago(later, 10)),
		e.answered('c9', QUEUE.sales, demoAgent(7).agentId, ago(later, 2))
	]);
	expect(await connectionState(page)).toBe('stale');
	gateOpen = true;
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
	await expect(page.getByTestId('wall-frame')).toHaveAttribute('data-stale', 'false');
	await expectFigures(
		tile,
		{ waiting: '1', sl: '50%', 'answer-rate': '67%', 'abandon-rate': '22%', aht: '1:30', offered: '9' },
		Date.now() + 1_000
	);
});
