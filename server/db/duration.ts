// PostgreSQL's spelling of a time setting such as statement_timeout ('8s',
// '500ms', '2min', or a bare number of milliseconds), read into milliseconds,
// so the environment and `alter role … set statement_timeout` agree.

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/;

/** Milliseconds (rounded, as PostgreSQL rounds), or undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
	const match = DURATION.exec(text);
	if (!match) return undefined;
	const ms = Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1);
	return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** '8 s', '500 ms': for log lines and messages. */
export function formatDuration(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
