// WCAG 2 A and AA rules (axe-core) on the page as it is now: every e2e test
// of a page a person uses calls this once the page has settled.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoAxeViolations(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	// Rule, impact and the first offending nodes: enough to find and fix each one.
	const found = violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		help: v.help,
		nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`)
	}));
	expect(found).toEqual([]);
}
