// Where a feeder's service key comes from when --key is not given: the single
// box's keys.json, which the server writes on its first start.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const KeysFile = z.object({ service_role_key: z.string().min(20) });

/** `service_role_key` in $CALLBOARD_DATA/keys.json (default .callboard). */
export async function serviceKeyFromDataDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const file = path.resolve(env.CALLBOARD_DATA || '.callboard', 'keys.json');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code ?? String(err);
		throw new Error(`no --key given and ${file} cannot be read (${code}); start the server once or pass --key`, {
			cause: err
		});
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
