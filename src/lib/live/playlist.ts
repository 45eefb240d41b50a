// A playlist from the kiosk URL (?boards=overview,queue:<id>&seconds=20),
// else from the site's settings. URL parameters are checked like any input.
import * as z from 'zod/mini';
import { BoardRefSchema, type BoardSettings } from './board-settings';

const UrlPlaylist = z.object({
	boards: z.array(BoardRefSchema).check(z.minLength(1), z.maxLength(20)),
	seconds: z.optional(z.number().check(z.int(), z.minimum(5), z.maximum(3_600)))
});

export interface Playlist {
	boards: BoardSettings['playlist']['boards'];
	seconds: number;
}

export function playlistFrom(params: URLSearchParams, fallback: BoardSettings['playlist']): Playlist {
	const boards = params.get('boards');
	const seconds = params.get('seconds');
	if (boards === null && seconds === null) return fallback;
	const parsed = UrlPlaylist.safeParse({
		boards: boards === null ? fallback.boards : boards.split(',').filter(Boolean),
		seconds: seconds === null ? undefined : Number(seconds)
	});
	if (!parsed.success) return fallback;
	return { boards: parsed.data.boards, seconds: parsed.data.seconds ?? fallback.seconds };
}
