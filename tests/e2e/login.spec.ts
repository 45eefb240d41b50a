// Signing in through the single-box auth API: a wrong password gets a
// readable message, the demo supervisor signs in and sees their site and
// role in the top bar, the session survives a reload, and signing out
// returns to the sign-in page.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { DEMO_PASSWORD, STAFF } from '../support/demo';

test('sign in as the supervisor, see the site and role, sign out', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByTestId('api-status')).toHaveAttribute('data-state', 'available');
	await page.getByTestId('sign-in-link').click();
	await expect(page).toHaveURL(/\/login$/);

	await page.getByTestId('login-email').fill(STAFF.supervisor.email);
	await page.getByTestId('login-password').fill('not-the-password');
	await page.getByTestId('login-submit').click();
	await expect(page.getByTestId('login-error')).toHaveText('邮箱或密码错误。');
	await page.screenshot({ path: 'test-results/screenshots/login-wrong-password.png' });
	await expectNoAxeViolations(page);

	await page.getByTestId('login-password').fill(DEMO_PASSWORD);
	await page.getByTestId('login-submit').click();
	await expect(page).toHaveURL(/\/today$/);
	await expect(page.getByTestId('shell-user')).toContainText(STAFF.supervisor.email);
	await expect(page.getByTestId('shell-user')).toContainText('主管');
	await expect(page.getByTestId('shell-site')).toHaveText('Demo Realty Call Center');
	await page.screenshot({ path: 'test-results/screenshots/home-signed-in.png' });
	await expectNoAxeViolations(page);

	// The session survives a reload (refresh token in storage).
	await page.reload();
	await expect(page.getByTestId('shell-user')).toContainText(STAFF.supervisor.email);

	await page.getByTestId('sign-out').click();
	await expect(page).toHaveURL(/\/login$/);
});
