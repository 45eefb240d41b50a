// Process settings for the single-box server, read once from the environment
// and validated, so a typo fails at start with a message instead of later.
import path from 'node:path';
import { z } from 'zod';
import { parseTrustedProxies } from './http/client-address.ts';
import { parsePublicUrl } from './http/public-url.ts';

/** A string setting checked by `parse`, whose error message becomes the zod issue. */
const parsedBy = <T>(parse: (value: string) => T) =>
	z.string().transform((value, ctx) => {
		try {
			return parse(value);
		} catch (err) {
			ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
			return z.NEVER;
		}
	});
import { parseDuration } from './db/duration.ts';

const ONE_DAY_MS = 86_400_000;

/** A PostgreSQL-style duration ('8s', '500ms', '2min') in ms, above zero: every request needs a deadline. */
const Deadline = z.string().transform((text, ctx) => {
	const ms = parseDuration(text);
	if (ms === undefined || ms <= 0 || ms > ONE_DAY_MS) {
		ctx.addIssue({ code: 'custom', message: 'must be a duration above zero, like 8s, 500ms or 2min' });
		return z.NEVER;
	}
	return ms;
});

const EnvSchema = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(8080),
	HOST: z.string().min(1).default('0.0.0.0'),
	CALLBOARD_DATA: z.string().min(1).default('.callboard'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
		.optional(),
	CALLBOARD_SEED: z.enum(['0', '1']).default('1'),
	CALLBOARD_SKIP_BUILD: z.enum(['0', '1']).default('0'),
	CALLBOARD_SIMULATE: z.enum(['0', '1']).default('1'),
	CALLBOARD_SIM_SPEED: z.coerce.number().min(0).max(3600).default(1),
	CALLBOARD_HISTORY_WEEKS: z.coerce.number().int().min(0).max(52).optional(),
	PUBLIC_URL: parsedBy(parsePublicUrl).optional(),
	CALLBOARD_TRUSTED_PROXIES: parsedBy(parseTrustedProxies).default([]),
	CALLBOARD_STATEMENT_TIMEOUT: Deadline.optional(),
	CALLBOARD_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(1000)
});

export interface ServerEnv {
	port: number;
	host: string;
	dataDir: string;
	databaseUrl: string | undefined;
	seed: boolean;
	skipBuild: boolean;
	/** Run the demo call simulator in-process (on by default; off with CALLBOARD_SIMULATE=0). */
	simulate: boolean;
	/** Simulated seconds per real second. */
	simSpeed: number;
	/**
	 * Whole weeks of demo history backfilled before today on the demo site
	 * (CALLBOARD_HISTORY_WEEKS); default 8 when the simulator runs on the demo
	 * seed, else 0, so tests that turn the simulator off get none unless they ask.
	 */
	historyWeeks: number;
	/** The origin browsers use (config.json, JWT iss); undefined: the listen address, and "this page's origin" for the app. */
	publicUrl: string | undefined;
	/** Reverse proxies whose X-Forwarded-For is believed (rate limits count the client behind them). */
	trustedProxies: string[];
	/**
	 * Deadline of every database statement an API request runs (ms); undefined:
	 * Supabase's per-role defaults (anon 3 s, authenticated and the rest 8 s).
	 */
	statementTimeoutMs: number | undefined;
	/** Most rows a REST read returns, like Supabase's "Max rows" API setting. */
	maxRows: number;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
	const parsed = EnvSchema.safeParse(source);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid environment: ${problems.join('; ')}`);
	}
	const env = parsed.data;
	return {
		port: env.PORT,
		host: env.HOST,
		dataDir: path.resolve(env.CALLBOARD_DATA),
		databaseUrl: env.DATABASE_URL,
		seed: env.CALLBOARD_SEED === '1',
		skipBuild: env.CALLBOARD_SKIP_BUILD === '1',
		simulate: env.CALLBOARD_SIMULATE === '1',
		simSpeed: env.CALLBOARD_SIM_SPEED,
		historyWeeks: env.CALLBOARD_HISTORY_WEEKS ?? (env.CALLBOARD_SIMULATE === '1' && env.CALLBOARD_SEED === '1' ? 8 : 0),
		publicUrl: env.PUBLIC_URL,
		trustedProxies: env.CALLBOARD_TRUSTED_PROXIES,
		statementTimeoutMs: env.CALLBOARD_STATEMENT_TIMEOUT,
		maxRows: env.CALLBOARD_MAX_ROWS
	};
}
