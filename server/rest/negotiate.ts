// Request headers that shape the answer: `Prefer` (return, count,
// resolution, missing, tx), `Accept` (array, single object, stripped nulls)
// and the schema profile headers. Unknown preferences are ignored, as
// PostgREST does without `handling=strict`.
import type { IncomingMessage } from 'node:http';
import { pgrstError } from './errors.ts';

export interface Preferences {
	return: 'representation' | 'minimal' | 'headers-only' | undefined;
	count: boolean;
	resolution: 'merge-duplicates' | 'ignore-duplicates' | undefined;
	missingDefault: boolean;
	rollback: boolean;
	/** For the Preference-Applied header. */
	applied: string[];
}

export function parsePrefer(header: string | string[] | undefined): Preferences {
	const prefs: Preferences = {
		return: undefined,
		count: false,
		resolution: undefined,
		missingDefault: false,
		rollback: false,
		applied: []
	};
	const items = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((s) => s.trim());
	for (const item of items) {
		const [key, value] = item.split('=').map((s) => s.trim());
		if (key === 'return' && (value === 'representation' || value === 'minimal' || value === 'headers-only')) {
			prefs.return = value;
		} else if (key === 'count' && (value === 'exact' || value === 'planned' || value === 'estimated')) {
			// Planned and estimated counts are exact here: the tables are small.
			prefs.count = true;
		} else if (key === 'resolution' && (value === 'merge-duplicates' || value === 'ignore-duplicates')) {
			prefs.resolution = value;
		} else if (key === 'missing' && value === 'default') {
			prefs.missingDefault = true;
		} else if (key === 'tx' && (value === 'rollback' || value === 'commit')) {
			prefs.rollback = value === 'rollback';
		} else continue;
		prefs.applied.push(item);
	}
	return prefs;
}

export interface Representation {
	/** `application/vnd.pgrst.object+json`: exactly one row, sent as an object. */
	singular: boolean;
	stripNulls: boolean;
}

const OBJECT = 'application/vnd.pgrst.object+json';
const ARRAY = 'application/vnd.pgrst.array+json';

export function negotiateAccept(header: string | undefined): Representation {
	if (header === undefined || header.trim() === '') return { singular: false, stripNulls: false };
	const offered: string[] = [];
	for (const range of header.split(',')) {
		const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
		if (type === '') continue;
		offered.push(type);
		const stripNulls = params.includes('nulls=stripped');
		if (type === OBJECT) return { singular: true, stripNulls };
		if (type === ARRAY) return { singular: false, stripNulls };
		if (type === 'application/json' || type === 'application/*' || type === '*/*') {
			return { singular: false, stripNulls: false };
		}
	}
	throw pgrstError(406, 'PGRST107', `None of these media types are available: ${offered.join(', ')}`);
}

export function contentType(rep: Representation): string {
	const nulls = rep.stripNulls ? '; nulls=stripped' : '';
	return `${rep.singular ? OBJECT : 'application/json'}${nulls}; charset=utf-8`;
}

/** Only `public` is exposed: Accept-Profile (reads) or Content-Profile (writes) naming another schema is refused. */
export function checkProfile(req: IncomingMessage): void {
	const read = req.method === 'GET' || req.method === 'HEAD';
	const raw = req.headers[read ? 'accept-profile' : 'content-profile'];
	const schema = Array.isArray(raw) ? raw[0] : raw;
	if (schema !== undefined && schema !== 'public') {
		throw pgrstError(
			406,
			'PGRST106',
			`Invalid schema: ${schema}`,
			null,
			'Only the following schemas are exposed: public'
		);
	}
}
