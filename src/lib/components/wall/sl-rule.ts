// The words for a queue's service-level rule, shown on its tile (DESIGN.md §7).
import type { SlFormula } from '$lib/metrics/queue-metrics';
import { m } from '$lib/paraglide/messages';

export function slRule(formula: SlFormula, seconds: number): string {
	switch (formula) {
		case 'answered':
			return m.wall_sl_rule_answered({ seconds });
		case 'offered':
			return m.wall_sl_rule_offered({ seconds });
		case 'offered_minus_short':
			return m.wall_sl_rule_offered_minus_short({ seconds });
	}
}
