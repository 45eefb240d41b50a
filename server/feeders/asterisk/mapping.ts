// The mapping file that turns Asterisk's names into Callboard ids:
// `{ site_id, queues: {name: uuid}, agents: {name: uuid}, wrapup_s?: {queue name: seconds} }`.
// It comes from an operator's hand, so it is validated with a message that names the bad key.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const Id = z.guid('must be a uuid');

export const FeederMappingSchema = z
	.object({
		site_id: Id,
		queues: z.record(z.string().min(1), Id),
		agents: z.record(z.string().min(1), Id),
		// queues.conf `wrapuptime` per queue name; queue_log never says when after-call work ends.
		wrapup_s: z.record(z.string().min(1), z.number().int().min(0).max(3600)).default({})
	})
	.strict()
	.superRefine((m, ctx) => {
		for (const name of Object.keys(m.wrapup_s)) {
			if (!(name in m.queues)) {
				ctx.addIssue({ code: 'custom', path: ['wrapup_s', name], message: 'is not a queue in `queues`' });
			}
		}
	});

export type FeederMapping = z.infer<typeof FeederMappingSchema>;

export function parseMapping(input: unknown, source = 'mapping'): FeederMapping {
	const parsed = FeederMappingSchema.safeParse(input);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
	throw new Error(`${source} is invalid: ${problems.join('; ')}`);
}

export async function loadMapping(file: string): Promise<FeederMapping> {
	const text = await readFile(file, 'utf8');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (err) {
		throw new Error(`${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
	}
	return parseMapping(json, file);
}

/**
 * The extension inside a member interface: `SIP/8001`, `PJSIP/8001`, `Agent/8001` and
 * `Local/8001@from-queue/n` all give `8001`, so one mapping key can cover a phone
 * whatever technology the queue member is dialled with.
 */
export function memberExtension(member: string): string | undefined {
	return /^[A-Za-z0-9_-]+\/([^@/]+)/.exec(member)?.[1];
}

export interface IdResolver {
	queue(name: string): string | undefined;
	agent(member: string): string | undefined;
	wrapupSeconds(queueName: string): number;
}

/** Exact names win; an agent without an exact key falls back to its bare extension. */
export function resolverFor(mapping: FeederMapping): IdResolver {
	const queues = new Map(Object.entries(mapping.queues));
	const agents = new Map(Object.entries(mapping.agents));
	const wrapups = new Map(Object.entries(mapping.wrapup_s));
	return {
		queue: (name) => queues.get(name),
		agent(member) {
			const exact = agents.get(member);
			if (exact) return exact;
			const extension = memberExtension(member);
			return extension === undefined ? undefined : agents.get(extension);
		},
		wrapupSeconds: (name) => wrapups.get(name) ?? 0
	};
}
