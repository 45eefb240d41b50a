// Go's time.ParseDuration, which GoTrue uses for admin `ban_duration`
// ("24h", "1h30m", "876000h"): milliseconds, or undefined when invalid.

const UNIT_MS: Record<string, number> = {
	ns: 1e-6,
	us: 1e-3,
	µs: 1e-3,
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000
};

export function parseGoDuration(text: string): number | undefined {
	const match = /^([-+]?)(.*)$/.exec(text);
	const sign = match?.[1] === '-' ? -1 : 1;
	let rest = match?.[2] ?? '';
	if (rest === '0') return 0;
	if (rest === '') return undefined;
	let total = 0;
	while (rest !== '') {
		const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/.exec(rest);
		if (!part?.[1] || !part[2]) return undefined;
		total += Number(part[1]) * (UNIT_MS[part[2]] ?? 0);
		rest = rest.slice(part[0].length);
	}
	return sign * total;
}
