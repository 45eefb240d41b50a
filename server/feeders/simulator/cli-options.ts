// Command-line options of server/feeders/simulator.ts.
import { z } from 'zod';
import { checkArgs, HELP_ARG, parseArgv, TARGET_ARGS, TARGET_FIELDS, UsageError } from '../shared/cli-args.ts';
import { DEMO_TIME_ZONE } from './demo-site.ts';
import { parseSiteInstant } from './site-time.ts';

export const USAGE = `usage: node --import tsx server/feeders/simulator.ts [--speed 60] [--seed 42] [--start ISO]
       [--duration 8h] [--url http://localhost:8080] [--key SERVICE_ROLE_KEY] [--backfill] [--history-weeks 8]
       [--tag NAME] [--dry-run]
  --speed     simulated seconds per real second (default 1 = live); 0 or max = as fast as possible;
              never past the present: a faster run catches up with now, then goes on live
  --seed      random seed (default 42): the same seed and day replay the same calls with the same event ids
  --start     simulated start, ISO 8601; without an offset it is site time (Asia/Shanghai)
              (default: now at speed 1; the site's midnight today when faster)
  --duration  how long to simulate, e.g. 90s, 30m, 8h, 2d, 1h30m (default: until Ctrl-C)
  --url       Callboard or Supabase URL (default http://localhost:8080); agents follow the site's
              published schedules read from there (fixed hours on a day with none)
  --key       service-role key (default: $CALLBOARD_SERVICE_ROLE_KEY, else service_role_key in $CALLBOARD_DATA/keys.json)
  --backfill  when starting mid-day, also send everything since midnight (default: only the current state)
  --history-weeks  also send this many whole weeks of days before the start's day, as the live run would
              have simulated them (same event ids), newest first, after the start's own day (default 0)
  --tag       keeps this run's event ids apart from other runs with the same seed
  --dry-run   simulate and count only; send nothing (and read no schedule: fixed hours)
  --help      print this and exit`;

export { UsageError };

export interface CliOptions {
	speed: number;
	seed: number;
	/** Instant in ms since the epoch. */
	start: number | undefined;
	durationMs: number | undefined;
	url: string;
	key: string | undefined;
	backfill: boolean;
	historyWeeks: number;
	tag: string | undefined;
	dryRun: boolean;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "30m", "8h", "2d", "1h30m", or plain seconds. */
export function parseDuration(text: string): number {
	const trimmed = text.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
	const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
	if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
		throw new UsageError(`--duration: cannot read "${text}" (try 90s, 30m, 8h, 2d or 1h30m)`);
	}
	return parts.reduce((sum, [, n, unit]) => sum + Number(n) * (UNIT_MS[unit ?? 's'] ?? 1000), 0);
}

const Options = z.object({
	speed: z
		.string()
		.transform((text) => (text === 'max' ? 0 : Number(text)))
		.refine((n) => Number.isFinite(n) && n >= 0, '--speed must be a number, 0 or more, or max'),
	seed: z.coerce
		.number()
		.int('--seed must be a whole number')
		.min(0)
		.max(2 ** 31 - 1),
	start: z
		.string()
		.transform((text, ctx) => {
			const at = parseSiteInstant(text, DEMO_TIME_ZONE);
			if (Number.isNaN(at)) ctx.addIssue({ code: 'custom', message: `--start: cannot read "${text}" as ISO 8601` });
			return at;
		})
		.optional(),
	historyWeeks: z.coerce
		.number()
		.int('--history-weeks must be a whole number')
		.min(0, '--history-weeks must be 0 to 52')
		.max(52, '--history-weeks must be 0 to 52'),
	...TARGET_FIELDS,
	tag: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,40}$/, '--tag: 1–40 letters, digits, _ or -')
		.optional()
});

export function parseCliArgs(argv: string[]): CliOptions | 'help' {
	const values = parseArgv(argv, {
		speed: { type: 'string', default: '1' },
		seed: { type: 'string', default: '42' },
		start: { type: 'string' },
		duration: { type: 'string' },
		...TARGET_ARGS,
		backfill: { type: 'boolean', default: false },
		'history-weeks': { type: 'string', default: '0' },
		tag: { type: 'string' },
		'dry-run': { type: 'boolean', default: false },
		...HELP_ARG
	});
	if (values.help) return 'help';
	const options = checkArgs(Options, { ...values, historyWeeks: values['history-weeks'] });
	const durationMs = values.duration === undefined ? undefined : parseDuration(values.duration);
	if (durationMs !== undefined && !(durationMs > 0)) throw new UsageError('--duration must be more than 0');
	return {
		speed: options.speed,
		seed: options.seed,
		start: options.start,
		url: options.url,
		key: options.key,
		tag: options.tag,
		durationMs,
		backfill: values.backfill,
		historyWeeks: options.historyWeeks,
		dryRun: values['dry-run']
	};
}
