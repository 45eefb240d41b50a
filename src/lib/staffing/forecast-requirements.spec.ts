import { describe, expect, it } from 'vitest';
import { erlangC } from './erlang';
import {
	computeRequirements,
	parseRequirementParams,
	requirementParams,
	sameParams,
	type QueueStaffing
} from './forecast-requirements';

const queue: QueueStaffing = {
	model: 'erlang_c',
	sl_target: 0.8,
	sl_threshold_s: 20,
	max_occupancy: 0.85,
	shrinkage: 0.3,
	patience_s: null
};

describe('requirementParams', () => {
	it('takes the policy and the queue targets', () => {
		expect(requirementParams(queue)).toEqual({
			model: 'erlang_c',
			sl_target: 0.8,
			sl_threshold_s: 20,
			max_occupancy: 0.85,
			shrinkage: 0.3,
			interval_s: 900
		});
	});

	it('uses Erlang A with the measured patience', () => {
		expect(requirementParams({ ...queue, model: 'erlang_a', patience_s: 90 })).toMatchObject({
			model: 'erlang_a',
			patience_s: 90
		});
	});

	it('falls back to Erlang C, and says so, when no patience was measured', () => {
		const params = requirementParams({ ...queue, model: 'erlang_a' });
		expect(params.model).toBe('erlang_c');
		expect(params.policy_model).toBe('erlang_a');
		expect(params).not.toHaveProperty('patience_s');
	});
});

describe('computeRequirements', () => {
	const rows = [
		{ interval_start: '2026-12-07T01:00:00Z', offered: 0, aht_s: 300 },
		// The textbook case: 100 calls in 15 min at 180 s = 20 Erlangs.
		{ interval_start: '2026-12-07T01:15:00Z', offered: 100, aht_s: 180 },
		{ interval_start: '2026-12-07T01:30:00Z', offered: 10, aht_s: 240 }
	];

	it('needs no agents for no calls', () => {
		const [none] = computeRequirements(rows, requirementParams(queue));
		expect(none).toEqual({
			interval_start: '2026-12-07T01:00:00Z',
			agents: 0,
			raw_agents: 0,
			service_level: 1,
			occupancy: 0
		});
	});

	it('is Erlang C per interval, grossed up for shrinkage', () => {
		const [, busy] = computeRequirements(rows, requirementParams(queue));
		const c = erlangC({ calls: 100, ahtSeconds: 180, intervalSeconds: 900, targetSeconds: 20 });
		expect(busy!.raw_agents).toBe(24);
		expect(c.serviceLevel(23)).toBeLessThan(0.8);
		expect(c.serviceLevel(24)).toBeGreaterThanOrEqual(0.8);
		expect(busy!.agents).toBe(Math.ceil(24 / 0.7));
		expect(busy!.occupancy).toBeCloseTo(20 / 24, 4);
		expect(busy!.service_level).toBeCloseTo(c.serviceLevel(24), 4);
	});

	it('raises agents until occupancy is within the maximum', () => {
		const strict = computeRequirements(rows, requirementParams({ ...queue, sl_target: 0.1, max_occupancy: 0.5 }));
		expect(strict[1]!.raw_agents).toBe(40);
		expect(strict[1]!.occupancy).toBe(0.5);
	});

	it('staffs fewer agents with Erlang A when callers abandon', () => {
		const c = computeRequirements(rows, requirementParams(queue));
		const a = computeRequirements(rows, requirementParams({ ...queue, model: 'erlang_a', patience_s: 60 }));
		expect(a[1]!.raw_agents).toBeLessThanOrEqual(c[1]!.raw_agents);
		expect(a.map((r) => r.interval_start)).toEqual(rows.map((r) => r.interval_start));
	});
});

describe('saved parameters', () => {
	it('reads back what was saved and tells a change', () => {
		const saved = parseRequirementParams(JSON.parse(JSON.stringify(requirementParams(queue))));
		expect(saved).not.toBeNull();
		expect(sameParams(saved!, requirementParams(queue))).toBe(true);
		expect(sameParams(saved!, requirementParams({ ...queue, shrinkage: 0.25 }))).toBe(false);
		expect(parseRequirementParams({ model: 'poisson' })).toBeNull();
	});
});
