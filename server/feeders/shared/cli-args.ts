// Command-line parsing the feeders share: node:util's parseArgs in strict
// mode and a zod check, both failing as a UsageError, --help, the two options
// that say where events go, and the exit codes that follow: a usage error
// prints the message and the usage and exits 2, --help prints the usage and
// exits 0.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

export class UsageError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** The options in argv; an unknown option or a missing value is a UsageError. */
export function parseArgv<O extends OptionsConfig>(argv: string[], options: O) {
	try {
		return parseArgs({ args: argv, strict: true, options }).values;
	} catch (err) {
		throw new UsageError(err instanceof Error ? err.message : String(err));
	}
}

/** The input checked by the schema; every problem is named in one UsageError. */
export function checkArgs<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const parsed = schema.safeParse(input);
	if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
	return parsed.data;
}

/** --help for parseArgv: a parse that sees it returns 'help' before checking anything else. */
export const HELP_ARG = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** Parses argv and runs; returns the exit code (2 for a usage error, 0 for --help). */
export async function runWithUsage<T>(
	argv: string[],
	usage: string,
	parse: (argv: string[]) => T | 'help',
	run: (options: T) => Promise<number>
): Promise<number> {
	let parsed: T | 'help';
	try {
		parsed = parse(argv);
	} catch (err) {
		if (!(err instanceof UsageError)) throw err;
		console.error(`${err.message}\n${usage}`);
		return 2;
	}
	if (parsed === 'help') {
		console.log(usage);
		return 0;
	}
	return run(parsed);
}

/** --url and --key for parseArgv: the Callboard or Supabase project, and its service-role key. */
export const TARGET_ARGS = {
	url: { type: 'string', default: 'http://localhost:8080' },
	key: { type: 'string' }
} as const;

/** Their checks, for the options' zod object. */
export const TARGET_FIELDS = {
	url: z.url('--url must be a URL'),
	key: z.string().min(20, '--key is too short to be a service key').optional()
};
