// Command-line options of server/feeders/asterisk-queue-log.ts, and where the
// service key comes from when --key is not given: the single box's keys.json.
import { z } from 'zod';
import { checkArgs, parseArgv, TARGET_ARGS, TARGET_FIELDS } from '../shared/cli-args.ts';

export { UsageError } from '../shared/cli-args.ts';
export { serviceKeyFromDataDir } from '../shared/service-key.ts';

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

const OptionsSchema = z.object({
	file: z.string().min(1, '--file is required'),
	map: z.string().min(1, '--map is required'),
	follow: z.boolean(),
	...TARGET_FIELDS,
	pollMs: z.coerce.number().int().min(10).max(60_000),
	dryRun: z.boolean()
});

export function parseCliArgs(argv: string[]): CliOptions {
	const values = parseArgv(argv, {
		file: { type: 'string' },
		map: { type: 'string' },
		follow: { type: 'boolean', default: false },
		...TARGET_ARGS,
		'poll-ms': { type: 'string', default: '250' },
		'dry-run': { type: 'boolean', default: false }
	});
	const options = checkArgs(OptionsSchema, {
		file: values.file ?? '',
		map: values.map ?? '',
		follow: values.follow,
		url: values.url,
		key: values.key,
		pollMs: values['poll-ms'],
		dryRun: values['dry-run']
	});
	return { ...options, key: options.key };
}
