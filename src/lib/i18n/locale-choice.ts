// Which language the app speaks, decided in one place: the language this
// browser's user chose (the only thing ever stored), else on a wallboard the
// site's language, else the browser's, else Chinese. Paraglide's own
// localStorage strategy cannot be used for the first step: it stores the
// locale it detected on the first page, so a TV whose browser is en-US would
// never follow its zh-CN site again.
import { defineCustomClientStrategy, getLocale, isLocale, type Locale } from '$lib/paraglide/runtime';

/** Strategy order, as compiled into the runtime (vite.config.ts and the i18n script name the same). */
export const LOCALE_STRATEGY = ['custom-choice', 'custom-site', 'preferredLanguage', 'baseLocale'] as const;

const CHOICE_KEY = 'callboard.locale';

let siteLocale: Locale | undefined;

/** The language the user chose on this browser, if any (storage can be blocked or hold junk). */
export function chosenLocale(): Locale | undefined {
	try {
		const stored = localStorage.getItem(CHOICE_KEY);
		return stored !== null && isLocale(stored) ? stored : undefined;
	} catch {
		return undefined;
	}
}

/** An explicit choice: stored, then the page reloads into it when it changes what is shown. */
export function chooseLocale(locale: Locale, reload = () => location.reload()): void {
	const before = getLocale();
	try {
		localStorage.setItem(CHOICE_KEY, locale);
	} catch {
		// Storage blocked: the choice lasts for this page only.
		siteLocale = locale;
	}
	if (before !== locale) reload();
}

/** A board shows this site's language unless the user chose one; null forgets it. */
export function followSiteLocale(locale: string | null): void {
	siteLocale = locale !== null && isLocale(locale) ? locale : undefined;
}

// Neither custom step stores anything when Paraglide resolves the first
// locale (it calls setLocale with what it found): only chooseLocale stores.
defineCustomClientStrategy('custom-choice', { getLocale: chosenLocale, setLocale: () => {} });
defineCustomClientStrategy('custom-site', { getLocale: () => siteLocale, setLocale: () => {} });
