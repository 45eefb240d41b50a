// Timeouts on the queue focus board (issue 9): a scripted call_timed_out
// shows as its own figure beside the abandon rate, not as an abandon, and
// stacks on today's chart; once a manager makes the queue count timeouts as
// abandons, the board's abandon rate includes them and says so.
import { wallTextProblems } from '../wall-text-check';
import { expect, test, type Locator } from '@playwright/test';
import { demoAgent, QUEUE, STAFF } from '../../support/demo';
import { ago, eventFactory, secondsIntoShanghaiDay, signInAsDisplay, WallServer } from '../wall-support';

let server: WallServer;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	server = await WallServer.start();
});

test.afterAll(async () => {
	await server?.dispose();
});

const figure = (board: Locator, name: string) => board.getByTestId(`metric-${name}`).getByTestId('value');

test('the queue focus board shows timeouts apart from abandons', async ({ page }) => {
	test.setTimeout(180_000);
	// Keep the script inside one site day (Asia/Shanghai).
	const intoDay = secondsIntoShanghaiDay();
	if (intoDay < 300) await page.waitForTimeout((300 - intoDay) * 1000);

	await signInAsDisplay(page, server.url);
	await page.goto(`${server.url}/wall/queue/${QUEUE.sales}`);
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
	const board = page.getByTestId('queue-focus');
	await expect(figure(board, 'timed-out')).toHaveText('0');

	// The sales hotline, 4 calls:
	//   c1 answered after 10 s; c2 timed out by the queue after 60 s;
	//   c3 abandoned by the caller after 20 s; c4 timed out after 2 s (no agent) and the caller's
	//   hang-up logged a second later, so the timeout, the earlier fact, decides.
	// Abandon rate 1/4 = 25 %, 2 timed out, unanswered 3/4 = 75 %, nothing waiting.
	const now = Date.now();
	const T = 180;
	const e = eventFactory(`wall-timeouts-${now}`);
	await server.ingest([
		e.offered('c1', QUEUE.sales, ago(now, T)),
		e.answered('c1', QUEUE.sales, demoAgent(1).agentId, ago(now, T - 10)),
		e.offered('c2', QUEUE.sales, ago(now, T - 5)),
		e.timedOut('c2', QUEUE.sales, ago(now, T - 65)),
		e.offered('c3', QUEUE.sales, ago(now, T - 10)),
		e.abandoned('c3', QUEUE.sales, ago(now, T - 30)),
		e.offered('c4', QUEUE.sales, ago(now, T - 20)),
		e.timedOut('c4', QUEUE.sales, ago(now, T - 22)),
		e.abandoned('c4', QUEUE.sales, ago(now, T - 23))
	]);
	await expect(figure(board, 'timed-out')).toHaveText('2', { timeout: 2_000 });
	await expect(figure(board, 'abandon-rate')).toHaveText('25%');
	await expect(board.getByTestId('metric-timed-out')).toContainText('未接听 75%');
	await expect(figure(board, 'waiting')).toHaveText('0');
	await expect(board.getByTestId('metric-abandon-rate')).not.toContainText('含超时');
	await expect(page.getByTestId('interval-chart')).toContainText('排队超时');
	await page.waitForTimeout(3_500); // the toolbar hides, the gauges settle
	await page.screenshot({ path: 'test-results/screenshots/wall-queue-timeouts-1280x720.png' });

	// A manager makes the queue count timeouts as abandons; the board takes it on its next load.
	const changed = await server.restAs(STAFF.manager.email, `queues?id=eq.${QUEUE.sales}`, {
		method: 'PATCH',
		body: { abandon_rate_includes_timeouts: true }
	});
	expect(changed.status).toBe(200);
	await page.reload();
	await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
	await expect(figure(board, 'abandon-rate')).toHaveText('75%');
	await expect(board.getByTestId('metric-abandon-rate')).toContainText('含超时');
	await expect(figure(board, 'timed-out')).toHaveText('2');
	await page.waitForTimeout(3_500);
	await page.screenshot({ path: 'test-results/screenshots/wall-queue-timeouts-counted-1280x720.png' });

	// In English at 1080p, a 100 % abandon rate beside the timeouts: both figures and their words fit.
	// The viewer chooses English on the board (its tools show while the pointer moves); only such a choice is remembered.
	await page.mouse.move(200, 200);
	await page.getByTestId('locale-switch').selectOption('en');
	await page.setViewportSize({ width: 1920, height: 1080 });
	await server.ingest([
		e.offered('c5', QUEUE.sales, ago(Date.now(), 30)),
		e.abandoned('c5', QUEUE.sales, ago(Date.now(), 20))
	]);
	await page.reload();
	await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 15_000 });
	await expect(figure(board, 'abandon-rate')).toHaveText('80%');
	await expect(board.getByTestId('metric-abandon-rate')).toContainText('incl. timeouts');
	await expect(board.getByTestId('metric-timed-out')).toContainText('unans. 80%');
	await page.waitForTimeout(3_500);
	await page.screenshot({ path: 'test-results/screenshots/wall-queue-timeouts-en-1920x1080.png' });
	// The widest figures and words of this test still fit whole, at the wall's text size.
	expect(await wallTextProblems(page)).toEqual([]);
});
