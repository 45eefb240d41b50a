// Lay the generated text out with the repo's prettier settings for the output
// path, so `prettier --check` passes on the committed file.
import { format, resolveConfig } from 'prettier';

export async function formatTypeScript(source: string, filepath: string): Promise<string> {
	const config = (await resolveConfig(filepath)) ?? {};
	return format(source, { ...config, filepath, parser: 'typescript' });
}
