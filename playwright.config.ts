// End-to-end tests in Debian's Chromium against the real single-box server
// on a fresh data folder (demo seed, no simulator).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-'));
// One name per run for the data template (tests/e2e/data-template.ts); the
// workers load this file again but inherit the variable, so they keep it.
process.env.CALLBOARD_E2E_RUN ??= path.basename(dataDir);

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/playwright',
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	// Files run three at a time on CI's two cores: a third of a worker's time
	// is spent waiting (a board's toolbar hiding, a server starting), and the
	// third worker fills it (the run took 532 s after its start with two
	// workers, 463 s with three, on the same machine). The tests of a file
	// stay in order in one worker. Every spec that writes data starts a server
	// of its own (wall-support.ts), so files never share what they change.
	// Files are handed out in path order, so the long wallboard specs live in
	// boards/ and start early: at the end of the alphabet they left the last
	// minute and a half of the run to one or two workers.
	fullyParallel: false,
	workers: 3,
	// One retry, so a test that failed once under load and then passed is
	// reported as flaky (npm test's summary counts them) instead of failing CI.
	retries: 1,
	timeout: 30_000,
	globalTeardown: './tests/e2e/global-teardown.ts',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		browserName: 'chromium',
		viewport: { width: 1280, height: 720 },
		// The first users' browsers are set to Chinese.
		locale: 'zh-CN',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		// The single box on a copy of the run's seeded data template (web-server.ts).
		command: 'node --import tsx tests/e2e/web-server.ts',
		url: `http://127.0.0.1:${PORT}/config.json`,
		env: { PORT: String(PORT), HOST: '127.0.0.1', CALLBOARD_DATA: dataDir, CALLBOARD_SIMULATE: '0' },
		reuseExistingServer: false,
		timeout: 240_000,
		stdout: 'pipe'
	}
});
