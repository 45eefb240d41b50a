// Presence of one topic, shaped as Phoenix.Presence sends it: state is
// {key: {metas: [meta…]}}, each meta the tracked payload plus a unique
// phx_ref (and phx_ref_prev after an update); changes are diffs
// {joins, leaves}. One tracked presence per channel (owner); several
// channels may share a key. Pure: refs come from the injected generator.
import { randomBytes } from 'node:crypto';

export interface PresenceMeta {
	phx_ref: string;
	phx_ref_prev?: string;
	[field: string]: unknown;
}
export type PresenceMap = Record<string, { metas: PresenceMeta[] }>;
export interface PresenceDiff {
	joins: PresenceMap;
	leaves: PresenceMap;
}

interface Tracked {
	key: string;
	meta: PresenceMeta;
	/** The payload as tracked, to make a repeated identical track a no-op. */
	payloadJson: string;
}

export const randomPresenceRef = (): string => randomBytes(12).toString('base64url');

export class TopicPresence {
	#byOwner = new Map<string, Tracked>();
	readonly #makeRef: () => string;

	constructor(makeRef: () => string = randomPresenceRef) {
		this.#makeRef = makeRef;
	}

	get size(): number {
		return this.#byOwner.size;
	}

	/** Tracks or updates the owner's presence; undefined when nothing changed. */
	track(owner: string, key: string, payload: Record<string, unknown>): PresenceDiff | undefined {
		const payloadJson = JSON.stringify(payload);
		const previous = this.#byOwner.get(owner);
		if (previous && previous.key === key && previous.payloadJson === payloadJson) return undefined;
		const meta: PresenceMeta = { ...payload, phx_ref: this.#makeRef() };
		const diff: PresenceDiff = { joins: { [key]: { metas: [meta] } }, leaves: {} };
		if (previous) {
			if (previous.key === key) meta.phx_ref_prev = previous.meta.phx_ref;
			diff.leaves[previous.key] = { metas: [previous.meta] };
		}
		this.#byOwner.set(owner, { key, meta, payloadJson });
		return diff;
	}

	/** Removes the owner's presence; undefined when it had none. */
	untrack(owner: string): PresenceDiff | undefined {
		const previous = this.#byOwner.get(owner);
		if (!previous) return undefined;
		this.#byOwner.delete(owner);
		return { joins: {}, leaves: { [previous.key]: { metas: [previous.meta] } } };
	}

	/** The full state, for presence_state to a channel that just joined. */
	list(): PresenceMap {
		const state: PresenceMap = {};
		for (const { key, meta } of this.#byOwner.values()) {
			(state[key] ??= { metas: [] }).metas.push(meta);
		}
		return state;
	}
}
