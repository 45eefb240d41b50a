// How the rows of a file go to public.import_punches: in chunks that fit a
// request (2 MB, 8 s), each agent's punches together. The database re-judges
// each agent of a chunk once, so a file in day order (as terminals write
// it) sent as it is would re-judge every agent in every chunk; sorted by
// employee number, each agent is judged once or twice for the whole file.
import type { ImportPunch } from './punches';

/** Rows per request: about 95 bytes of JSON each, so about 1 MB, inside the API's 2 MB body; a chunk of a 500-agent month takes about 1 s on PGlite, inside its 8 s deadline. */
export const IMPORT_CHUNK = 10000;

/** A row as import_punches takes it (a type, not an interface, so it is assignable to JSON). */
export type ImportRow = {
	line: number;
	employee_no: string;
	local_time: string;
	direction: 'in' | 'out' | null;
};

export function importChunks(punches: readonly ImportPunch[], size = IMPORT_CHUNK): ImportRow[][] {
	const sorted = [...punches].sort((a, b) =>
		a.employeeNo === b.employeeNo ? a.line - b.line : a.employeeNo < b.employeeNo ? -1 : 1
	);
	const chunks: ImportRow[][] = [];
	for (let at = 0; at < sorted.length; at += size) {
		chunks.push(
			sorted.slice(at, at + size).map((p) => ({
				line: p.line,
				employee_no: p.employeeNo,
				local_time: p.localTime,
				direction: p.direction
			}))
		);
	}
	return chunks;
}
