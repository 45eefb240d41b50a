import { describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_SETTINGS } from './board-settings';
import { playlistFrom } from './playlist';

const fallback = DEFAULT_BOARD_SETTINGS.playlist;
const Q = '9e000000-0000-4000-8000-000000000001';

describe('playlistFrom', () => {
	it('takes boards and seconds from the kiosk URL', () => {
		expect(playlistFrom(new URLSearchParams(`boards=agents,queue:${Q}&seconds=12`), fallback)).toEqual({
			boards: ['agents', `queue:${Q}`],
			seconds: 12
		});
		expect(playlistFrom(new URLSearchParams('seconds=45'), fallback)).toEqual({ boards: fallback.boards, seconds: 45 });
	});

	it('falls back to the site settings when the URL has none or a bad one', () => {
		expect(playlistFrom(new URLSearchParams(''), fallback)).toBe(fallback);
		expect(playlistFrom(new URLSearchParams('boards=overview,nope'), fallback)).toBe(fallback);
		expect(playlistFrom(new URLSearchParams('boards=overview&seconds=1'), fallback)).toBe(fallback);
	});
});
