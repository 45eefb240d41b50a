// Where a number stands against its target. The board shows the level as
// colour AND icon and word (DESIGN.md §6: never colour alone).

export type Level = 'ok' | 'warn' | 'bad' | 'none';

/** Higher is better (service level, answer rate): warn within `band` (absolute) below the target. */
export function levelAtLeast(value: number | null, target: number, band = 0.1): Level {
	if (value === null) return 'none';
	if (value >= target) return 'ok';
	// the epsilon keeps 0.7 inside 0.8 − 0.1 despite binary fractions
	return value >= target - band - 1e-9 ? 'warn' : 'bad';
}

/** Lower is better (AHT, abandon rate, waiting time): warn up to `factor` × the target. */
export function levelAtMost(value: number | null, target: number, factor = 1.2): Level {
	if (value === null) return 'none';
	if (value <= target) return 'ok';
	return value <= target * factor + 1e-9 ? 'warn' : 'bad';
}
