// Command-line options of server/feeders/asterisk-queue-log.ts, and where the
// service key comes from when --key is not given: the single box's keys.json.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `usage: node --import tsx server/feeders/asterisk-queue-log.ts --file /var/log/asterisk/queue_log --map map.json
       [--follow] [--url http://localhost:8080] [--key SERVICE_ROLE_KEY] [--poll-ms 250] [--dry-run]
  --file     Asterisk queue_log to read
  --map      JSON {site_id, queues: {name: uuid}, agents: {name: uuid}, wrapup_s?: {queue: seconds}}
  --follow   keep reading as the file grows (survives log rotation) until Ctrl-C
  --url      Callboard or Supabase URL (default http://localhost:8080)
  --key      service-role key (default: service_role_key in $CALLBOARD_DATA/keys.json)
  --dry-run  map and count only; send nothing`;

export interface CliOptions {
	file: string;
	map: string;
	follow: boolean;
	url: string;
	key: string | undefined;
	pollMs: number;
	dryRun: boolean;
}

export class UsageError extends Error {}

const OptionsSchema = z.object({
	file: z.string().min(1, '--file is required'),
	map: z.string().min(1, '--map is required'),
	follow: z.boolean(),
	url: z.url('--url must be a URL'),
	key: z.string().min(20, '--key is too short to be a service key').optional(),
	pollMs: z.coerce.number().int().min(10).max(60_000),
	dryRun: z.boolean()
});

export function parseCliArgs(argv: string[]): CliOptions {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			strict: true,
			options: {
				file: { type: 'string' },
				map: { type: 'string' },
				follow: { type: 'boolean', default: false },
				url: { type: 'string', default: 'http://localhost:8080' },
				key: { type: 'string' },
				'poll-ms': { type: 'string', default: '250' },
				'dry-run': { type: 'boolean', default: false }
			}
		}));
	} catch (err) {
		throw new UsageError(err instanceof Error ? err.message : String(err));
	}
	const parsed = OptionsSchema.safeParse({
		file: values.file ?? '',
		map: values.map ?? '',
		follow: values.follow,
		url: values.url,
		key: values.key,
		pollMs: values['poll-ms'],
		dryRun: values['dry-run']
	});
	if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
	return { ...parsed.data, key: parsed.data.key };
}

const KeysFileSchema = z.object({ service_role_key: z.string().min(20) });

export async function serviceKeyFromDataDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const file = path.resolve(env.CALLBOARD_DATA || '.callboard', 'keys.json');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (err) {
		throw new Error(
			`no --key given and ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
			{
				cause: err
			}
		);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		throw new Error(`${file} is not JSON`, { cause: err });
	}
	const parsed = KeysFileSchema.safeParse(json);
	if (!parsed.success) throw new Error(`${file} has no service_role_key`);
	return parsed.data.service_role_key;
}
