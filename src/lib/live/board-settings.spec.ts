import { describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_SETTINGS, parseBoardSettings, settingsOrDefaults } from './board-settings';

describe('board settings', () => {
	it('fills every default from an empty document', () => {
		expect(DEFAULT_BOARD_SETTINGS).toEqual({
			overview_queue_ids: [],
			agent_limits_s: { break: 900, lunch: 3600, wrap_up: 120, training: 7200, meeting: 3600, on_call: 1200 },
			playlist: { boards: ['overview', 'agents', 'outbound'], seconds: 30 },
			quiet_reload_hour: 4,
			outbound: { daily_connected_target: 100, weekly_invitations_target: 10 }
		});
	});

	it('keeps given values and defaults the rest of a nested object', () => {
		const result = parseBoardSettings({
			agent_limits_s: { break: 600 },
			playlist: { boards: ['queue:9e000000-0000-4000-8000-000000000001'] }
		});
		expect(result.ok && result.settings.agent_limits_s).toMatchObject({ break: 600, wrap_up: 120 });
		expect(result.ok && result.settings.playlist).toEqual({
			boards: ['queue:9e000000-0000-4000-8000-000000000001'],
			seconds: 30
		});
	});

	it('names each bad field', () => {
		const result = parseBoardSettings({ quiet_reload_hour: 24, playlist: { boards: ['nope'], seconds: 1 } });
		expect(result.ok).toBe(false);
		const problems = result.ok ? [] : result.problems;
		expect(problems.some((p) => p.startsWith('quiet_reload_hour'))).toBe(true);
		expect(problems.some((p) => p.startsWith('playlist.boards.0'))).toBe(true);
		expect(problems.some((p) => p.startsWith('playlist.seconds'))).toBe(true);
	});

	it('falls back to the defaults for an invalid stored document', () => {
		expect(settingsOrDefaults({ quiet_reload_hour: 'late' })).toEqual(DEFAULT_BOARD_SETTINGS);
		expect(settingsOrDefaults(null)).toEqual(DEFAULT_BOARD_SETTINGS);
	});
});
