// A browser context signed in as a demo login, for specs that open several
// pages as the same person: the first time through the sign-in form (which
// is what a person does), after that with the session that sign-in left in
// the browser's storage, as a returning visitor has it. Each sign-in through
// the form loads two pages (the form, then the role's home) before the test
// opens its own; the stored session skips both.
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { signInAsDisplay } from './wall-support';

type StorageState = Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>>;

/** Sessions by server and login; a spec's server is its own, so nothing leaks between files. */
const sessions = new Map<string, StorageState>();

export async function signedInPage(
	browser: Browser,
	baseUrl: string,
	email: string,
	options: Omit<BrowserContextOptions, 'storageState'>
): Promise<Page> {
	const key = `${baseUrl} ${email}`;
	const stored = sessions.get(key);
	const context = await browser.newContext({ ...options, storageState: stored });
	const page = await context.newPage();
	if (!stored) {
		await signInAsDisplay(page, baseUrl, email);
		// Taken straight after signing in: only the session, never a language chosen later.
		sessions.set(key, await context.storageState());
	}
	return page;
}
