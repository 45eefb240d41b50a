// Clock and date text in the site's time zone and the board's language.
// Formatters are cached: a board formats several times a second.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
	let f = cache.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
		cache.set(key, f);
	}
	return f;
}

/** hh:mm:ss (24 h) in the site's zone. */
export function formatTime(ms: number, timeZone: string, locale: string, seconds = true): string {
	return formatter(locale, timeZone, {
		hour: '2-digit',
		minute: '2-digit',
		...(seconds ? { second: '2-digit' } : {}),
		hourCycle: 'h23'
	}).format(ms);
}

/** Weekday and date in the site's zone. */
export function formatDate(ms: number, timeZone: string, locale: string): string {
	return formatter(locale, timeZone, { weekday: 'short', month: 'short', day: 'numeric' }).format(ms);
}
