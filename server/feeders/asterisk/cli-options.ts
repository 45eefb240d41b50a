// Command-line options of server/feeders/asterisk-queue-log.ts.
import { z } from 'zod';
import { SERVICE_KEY_ENV } from '../ingest-client/service-key.ts';
import { checkArgs, HELP_ARG, parseArgv, TARGET_ARGS, TARGET_FIELDS } from '../shared/cli-args.ts';

export const USAGE = `usage: node --import tsx server/feeders/asterisk-queue-log.ts --file /var/log/asterisk/queue_log --map map.json
       [--follow] [--skip-unmapped] [--url http://localhost:8080] [--key SERVICE_ROLE_KEY] [--poll-ms 250] [--dry-run]
  --file           Asterisk queue_log to read
  --map            JSON {site_id, queues: {name: uuid}, agents: {member: uuid}, wrapup_s?: {queue: seconds}}
  --follow         keep reading as the file grows (survives log rotation) until Ctrl-C
  --skip-unmapped  leave out lines of queues and members the map lacks (default: name them, send nothing, exit 3)
  --url            Callboard or Supabase URL (default http://localhost:8080)
  --key            service-role key (default: $${SERVICE_KEY_ENV}, else service_role_key in $CALLBOARD_DATA/keys.json)
  --poll-ms        how often --follow looks at the file (default 250)
  --dry-run        map and count only; send nothing
  --help           print this and exit
exit status: 0 done, 1 events refused or undelivered, 2 usage error, 3 names the map lacks`;

const OptionsSchema = z.object({
	file: z.string().min(1, '--file is required'),
	map: z.string().min(1, '--map is required'),
	follow: z.boolean(),
	skipUnmapped: z.boolean(),
	...TARGET_FIELDS,
	pollMs: z.coerce
		.number('--poll-ms must be a number')
		.int('--poll-ms must be a whole number')
		.min(10, '--poll-ms must be 10 to 60000')
		.max(60_000, '--poll-ms must be 10 to 60000'),
	dryRun: z.boolean()
});

export type CliOptions = z.infer<typeof OptionsSchema>;

export function parseCliArgs(argv: string[]): CliOptions | 'help' {
	const values = parseArgv(argv, {
		file: { type: 'string' },
		map: { type: 'string' },
		follow: { type: 'boolean', default: false },
		'skip-unmapped': { type: 'boolean', default: false },
		...TARGET_ARGS,
		'poll-ms': { type: 'string', default: '250' },
		'dry-run': { type: 'boolean', default: false },
		...HELP_ARG
	});
	if (values.help) return 'help';
	return checkArgs(OptionsSchema, {
		file: values.file ?? '',
		map: values.map ?? '',
		follow: values.follow,
		skipUnmapped: values['skip-unmapped'],
		url: values.url,
		key: values.key,
		pollMs: values['poll-ms'],
		dryRun: values['dry-run']
	});
}
