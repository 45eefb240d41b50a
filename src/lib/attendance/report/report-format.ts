// A report figure as the page shows it, in the reader's locale: counts and
// minutes whole, days in halves, hours and money with two decimals.
import { getLocale } from '$lib/paraglide/runtime';
import type { Unit } from './report-columns';

const formats = new Map<string, Intl.NumberFormat>();

export function formatFigure(value: number, unit: Unit): string {
	const key = `${getLocale()}|${unit}`;
	let format = formats.get(key);
	if (!format) {
		const decimals = unit === 'hours' || unit === 'money' ? 2 : unit === 'days' ? 1 : 0;
		format = new Intl.NumberFormat(getLocale(), {
			minimumFractionDigits: unit === 'money' ? 2 : 0,
			maximumFractionDigits: decimals
		});
		formats.set(key, format);
	}
	return format.format(value);
}
