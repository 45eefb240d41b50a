import { describe, expect, it } from 'vitest';
import { dayRange, parseBacktests, parseForecastVersions, parseStaffingQueues } from './forecast';

describe('reading the forecast RPCs', () => {
	it('takes staffing_parameters rows with their nulls (no policy row, no patience measured)', () => {
		const [queue] = parseStaffingQueues([
			{
				queue_id: '9e000000-0000-4000-8000-000000000003',
				queue_name: '投诉专线 Complaints',
				direction: 'inbound',
				sl_target: 0.85,
				sl_threshold_s: 15,
				aht_target_s: 480,
				model: 'erlang_c',
				max_occupancy: 0.85,
				shrinkage: 0.3,
				history_weeks: 6,
				recency_decay: 0.8,
				trend_cap: 0.2,
				patience_s: null,
				abandons: 9,
				policy_set: false,
				updated_at: null,
				updated_by_name: null
			}
		]);
		expect(queue?.patience_s).toBeNull();
	});

	it('takes a version with the adjustment that made it', () => {
		const [v] = parseForecastVersions([
			{
				id: 'f',
				version: 2,
				method: 'same_weekday_weighted',
				based_on: 'e',
				based_on_version: 1,
				created_at: '2026-12-05T06:00:00Z',
				created_by_name: '运营主管 Supervisor',
				offered_total: 3401.2,
				has_requirements: false,
				requirement_params: null,
				adjustment: {
					day: '2026-12-08',
					from_time: '09:00:00',
					to_time: '12:00:00',
					kind: 'percent',
					value: 20,
					reason: '开盘'
				}
			}
		]);
		expect(v?.adjustment?.kind).toBe('percent');
	});

	it('refuses rows of another shape rather than guessing', () => {
		expect(() => parseBacktests([{ week_start: '2026-11-23', wape: '0.1' }])).toThrow(/forecast_backtest/);
		expect(
			parseBacktests([
				{ week_start: '2026-11-23', actual_offered: null, forecast_offered: null, wape: null, problem: 'no_history' }
			])[0]?.problem
		).toBe('no_history');
	});
});

describe('dayRange', () => {
	it('is the site-local day as instants', () => {
		expect(dayRange('2026-12-07', 'Asia/Shanghai')).toEqual({
			from: '2026-12-06T16:00:00.000Z',
			to: '2026-12-07T16:00:00.000Z'
		});
		// New York's autumn change: a 25-hour day.
		const { from, to } = dayRange('2026-11-01', 'America/New_York');
		expect(Date.parse(to) - Date.parse(from)).toBe(25 * 3_600_000);
	});
});
