// Where every feeder's service-role key comes from, in this order: --key,
// else $CALLBOARD_SERVICE_ROLE_KEY (for a Supabase project or a service
// manager's secret store), else the single box's keys.json, which the server
// writes on its first start.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const SERVICE_KEY_ENV = 'CALLBOARD_SERVICE_ROLE_KEY';

const Key = z.string().min(20);
const KeysFile = z.object({ service_role_key: Key });

export async function resolveServiceKey(
	given: string | undefined,
	env: NodeJS.ProcessEnv = process.env
): Promise<string> {
	if (given !== undefined) return given;
	const fromEnv = env[SERVICE_KEY_ENV];
	if (fromEnv !== undefined && fromEnv !== '') {
		if (!Key.safeParse(fromEnv).success) throw new Error(`$${SERVICE_KEY_ENV} is too short to be a service key`);
		return fromEnv;
	}
	return serviceKeyFromDataDir(env);
}

/** `service_role_key` in $CALLBOARD_DATA/keys.json (default .callboard). */
async function serviceKeyFromDataDir(env: NodeJS.ProcessEnv): Promise<string> {
	const file = path.resolve(env.CALLBOARD_DATA || '.callboard', 'keys.json');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code ?? String(err);
		throw new Error(
			`no --key given, $${SERVICE_KEY_ENV} is not set and ${file} cannot be read (${code}); ` +
				'start the server once, or pass --key',
			{ cause: err }
		);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		throw new Error(`${file} is not JSON`, { cause: err });
	}
	const parsed = KeysFile.safeParse(json);
	if (!parsed.success) throw new Error(`${file} has no service_role_key`);
	return parsed.data.service_role_key;
}
