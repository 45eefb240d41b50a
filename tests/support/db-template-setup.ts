// vitest globalSetup of the projects that open databases: names this run's
// database templates (db-template.ts) and removes them when the run ends.
// Each project runs its own setup in the one main process, so the id is kept
// in the environment and the projects share the templates.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The id under which this run's database templates live (db-template.ts). */
		dbTemplateRun: string;
	}
}

/** The folder of a run's templates. */
export function templatesRoot(run: string): string {
	return path.join(os.tmpdir(), `callboard-db-templates-${run}`);
}

export default function setup(project: TestProject): () => void {
	const run = (process.env.CALLBOARD_DB_TEMPLATE_RUN ??= `${process.pid}-${Date.now().toString(36)}`);
	project.provide('dbTemplateRun', run);
	return () => rmSync(templatesRoot(run), { recursive: true, force: true });
}
