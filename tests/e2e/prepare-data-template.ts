// Makes the Playwright run's data template (data-template.ts) ahead of the
// run: `npm test` calls it beside vitest with CALLBOARD_E2E_RUN set to the
// id Playwright then uses, so the run starts on a seeded copy at once.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyDataTemplate } from './data-template';

if (!process.env.CALLBOARD_E2E_RUN) throw new Error('CALLBOARD_E2E_RUN must name the run whose template to make');
// Making it is copying it once: into a scratch folder removed at once.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'callboard-e2e-prepare-'));
try {
	await copyDataTemplate(path.join(scratch, 'data'));
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
