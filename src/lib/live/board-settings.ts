// A site's wallboard choices (public.board_settings.settings, a JSON column):
// validated with zod wherever they cross a boundary — read from the
// database, received in a broadcast, or submitted on the settings page.
// Every field has a default, so `{}` (or no row) is a complete setting.
import * as z from 'zod/mini';

export const BOARDS = ['overview', 'agents', 'outbound'] as const;
export type BoardName = (typeof BOARDS)[number];

/** A board in a playlist: a named board, or one queue's focus board. */
export const BoardRefSchema = z.union([
	z.enum(BOARDS),
	z.templateLiteral(['queue:', z.string().check(z.regex(/^[0-9a-f-]{36}$/i))])
]);
export type BoardRef = z.infer<typeof BoardRefSchema>;

/** Agent states that are flagged when held longer than a limit. */
export const LIMITED_STATES = ['break', 'lunch', 'wrap_up', 'training', 'meeting', 'on_call'] as const;
export type LimitedState = (typeof LIMITED_STATES)[number];

const seconds = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

const DEFAULT_LIMITS: Record<LimitedState, number> = {
	break: 15 * 60,
	lunch: 60 * 60,
	wrap_up: 2 * 60,
	training: 2 * 60 * 60,
	meeting: 60 * 60,
	on_call: 20 * 60
};

export const BoardSettingsSchema = z.object({
	/** Queues the overview shows, in order; empty means every inbound queue. */
	overview_queue_ids: z._default(z.array(z.uuid()).check(z.maxLength(12)), []),
	/** Seconds after which an agent in that state is flagged on the agents board. */
	agent_limits_s: z._default(
		z.object({
			break: z._default(seconds(60, 86_400), DEFAULT_LIMITS.break),
			lunch: z._default(seconds(60, 86_400), DEFAULT_LIMITS.lunch),
			wrap_up: z._default(seconds(10, 86_400), DEFAULT_LIMITS.wrap_up),
			training: z._default(seconds(60, 86_400), DEFAULT_LIMITS.training),
			meeting: z._default(seconds(60, 86_400), DEFAULT_LIMITS.meeting),
			on_call: z._default(seconds(60, 86_400), DEFAULT_LIMITS.on_call)
		}),
		DEFAULT_LIMITS
	),
	playlist: z._default(
		z.object({
			boards: z._default(z.array(BoardRefSchema).check(z.maxLength(20)), ['overview', 'agents', 'outbound']),
			seconds: z._default(seconds(5, 3_600), 30)
		}),
		{ boards: ['overview', 'agents', 'outbound'], seconds: 30 }
	),
	/** Site-local hour at which every TV reloads itself to shed memory. */
	quiet_reload_hour: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(23)), 4),
	outbound: z._default(
		z.object({
			daily_connected_target: z._default(seconds(1, 10_000), 100),
			weekly_invitations_target: z._default(seconds(1, 1_000), 10)
		}),
		{ daily_connected_target: 100, weekly_invitations_target: 10 }
	)
});
export type BoardSettings = z.infer<typeof BoardSettingsSchema>;

export const DEFAULT_BOARD_SETTINGS: BoardSettings = BoardSettingsSchema.parse({});

export type SettingsResult = { ok: true; settings: BoardSettings } | { ok: false; problems: string[] };

/** Validates a settings document; each problem names its field. */
export function parseBoardSettings(value: unknown): SettingsResult {
	const parsed = BoardSettingsSchema.safeParse(value ?? {});
	if (parsed.success) return { ok: true, settings: parsed.data };
	return {
		ok: false,
		problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
	};
}

/** Settings as stored, or the defaults when the stored document is no longer valid (a TV must keep showing). */
export function settingsOrDefaults(value: unknown): BoardSettings {
	const result = parseBoardSettings(value);
	return result.ok ? result.settings : DEFAULT_BOARD_SETTINGS;
}
