// Command-line parsing the feeders share: node:util's parseArgs in strict
// mode and a zod check, both failing as a UsageError (the CLI prints it with
// the usage and exits 2), and the two options that say where events go.
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
