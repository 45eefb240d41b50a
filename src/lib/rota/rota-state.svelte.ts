// One team-week in the rota editor: its versions, the shifts and violations
// of the version shown (the draft when there is one), the undo stack, and a
// live link to the team's private topic `schedule:<team>` so another
// editor's changes appear here without a reload. Every write goes through
// the SQL against the revision seen; a write that lost the race (PT409) is
// told in words, the grid re-read, and the undo stack emptied (its inverses
// were computed against a state that no longer exists).
import { REALTIME_SUBSCRIBE_STATES, type RealtimeChannel } from '@supabase/supabase-js';
import {
	applyEdits,
	createDraft,
	discardDraft,
	fetchShifts,
	fetchVersions,
	fetchViolations,
	publish,
	type ScheduleVersion,
	type Violation
} from '$lib/data/rota';
import { errorText, handleError } from '$lib/errors';
import { m } from '$lib/paraglide/messages';
import type { AppSupabaseClient } from '$lib/supabase';
import { inverseOf, type Edit, type RotaShift } from './edits';
import { violationText } from './violation-words';

const UNDO_DEPTH = 30;

export interface UndoStep {
	label: string;
	inverse: Edit[];
}

const codeOf = (err: unknown) => (typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined);

export class RotaState {
	readonly #client: AppSupabaseClient;
	readonly #userId: string;

	versions = $state.raw<ScheduleVersion[]>([]);
	shifts = $state.raw<RotaShift[]>([]);
	violations = $state.raw<Violation[]>([]);
	undoSteps = $state.raw<UndoStep[]>([]);
	loaded = $state(false);
	busy = $state(false);
	/** Something the editor should know now, in words: another editor's change, a refused write. */
	notice = $state<{ kind: 'info' | 'conflict' | 'refused'; text: string } | null>(null);
	/** Whether the live link to the team's topic is up. */
	live = $state(false);

	readonly draft = $derived(this.versions.find((v) => v.status === 'draft') ?? null);
	readonly published = $derived(this.versions.find((v) => v.status === 'published') ?? null);
	/** The version on screen: the draft when there is one, else what the agents see, else the latest. */
	readonly shown = $derived(this.draft ?? this.published ?? this.versions[0] ?? null);
	get editable(): boolean {
		return this.canPlan && this.draft !== null;
	}

	constructor(
		client: AppSupabaseClient,
		userId: string,
		readonly teamId: string,
		readonly week: string,
		/** May this user plan the team? Only offers the tools; the SQL decides every write. */
		readonly canPlan: boolean,
		initial?: { versions: ScheduleVersion[]; shifts: RotaShift[]; violations: Violation[] }
	) {
		this.#client = client;
		this.#userId = userId;
		if (initial) {
			this.versions = initial.versions;
			this.shifts = initial.shifts;
			this.violations = initial.violations;
			this.loaded = true;
		}
	}

	/** Re-reads the versions, the shown version's shifts and (for a draft) its violations. */
	async refresh(): Promise<void> {
		const versions = await fetchVersions(this.#client, this.teamId, this.week);
		const shown =
			versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'published') ?? versions[0];
		const [shifts, violations] = await Promise.all([
			shown ? fetchShifts(this.#client, shown.id) : Promise.resolve([]),
			shown && shown.status === 'draft' && this.canPlan ? fetchViolations(this.#client, shown.id) : Promise.resolve([])
		]);
		this.versions = versions;
		this.shifts = shifts;
		this.violations = violations;
		this.loaded = true;
	}

	/**
	 * Applies a batch to the draft; remembered for undo unless it is an undo
	 * itself. A draft may hold violations, but not every kind: when the batch
	 * makes one of `refuse` appear on a cell it edited (a template outside its
	 * season), it is taken back at once and the reason shown in the user's words.
	 */
	async apply(
		edits: readonly Edit[],
		label: string,
		remember = true,
		refuse: readonly string[] = []
	): Promise<boolean> {
		const draft = this.draft;
		if (!draft || edits.length === 0 || this.busy) return false;
		const inverse = inverseOf(edits, this.shifts);
		this.busy = true;
		try {
			const revision = await applyEdits(this.#client, draft.id, draft.revision, edits);
			// Our own change comes back on the topic too; knowing the revision makes it ours.
			this.versions = this.versions.map((v) => (v.id === draft.id ? { ...v, revision } : v));
			this.notice = null;
			await this.refresh();
			const refused = this.#newViolation(edits, refuse);
			if (refused) {
				const back = await applyEdits(this.#client, draft.id, revision, inverse);
				this.versions = this.versions.map((v) => (v.id === draft.id ? { ...v, revision: back } : v));
				await this.refresh();
				this.notice = { kind: 'refused', text: violationText(refused) };
				return false;
			}
			if (remember) this.undoSteps = [...this.undoSteps, { label, inverse }].slice(-UNDO_DEPTH);
			return true;
		} catch (err) {
			await this.#refused(err);
			return false;
		} finally {
			this.busy = false;
		}
	}

	#newViolation(edits: readonly Edit[], rules: readonly string[]): Violation | undefined {
		if (rules.length === 0) return undefined;
		const cells = edits.flatMap((e) => (e.op === 'remove' || e.agent_id === null ? [] : [`${e.agent_id}|${e.day}`]));
		return this.violations.find((v) => rules.includes(v.rule) && cells.includes(`${v.agent_id}|${v.day}`));
	}

	async undo(): Promise<void> {
		const step = this.undoSteps.at(-1);
		if (!step) return;
		this.undoSteps = this.undoSteps.slice(0, -1);
		if (!(await this.apply(step.inverse, step.label, false))) return;
		this.notice = { kind: 'info', text: m.rota_undone({ what: step.label }) };
	}

	async startDraft(): Promise<void> {
		await this.#run(() => createDraft(this.#client, this.teamId, this.week));
	}

	async discard(): Promise<void> {
		const draft = this.draft;
		if (draft) await this.#run(() => discardDraft(this.#client, draft.id));
	}

	/** Publishes the draft; with violations only with a reason (the SQL insists too). */
	async publish(reason: string | null): Promise<boolean> {
		const draft = this.draft;
		if (!draft) return false;
		const done = await this.#run(() => publish(this.#client, draft.id, draft.revision, reason));
		if (done) this.notice = { kind: 'info', text: m.rota_published({ version: draft.version }) };
		return done;
	}

	async #run(action: () => Promise<unknown>): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		try {
			await action();
			this.undoSteps = [];
			this.notice = null;
			await this.refresh();
			return true;
		} catch (err) {
			await this.#refused(err);
			return false;
		} finally {
			this.busy = false;
		}
	}

	async #refused(err: unknown): Promise<void> {
		const code = codeOf(err);
		if (code === 'PT409') {
			this.undoSteps = [];
			this.notice = { kind: 'conflict', text: m.rota_conflict() };
		} else if (typeof code === 'string' && /^(CB|23|22)/.test(code)) {
			// A rule or a check of the database, said in its words (they name the rule).
			this.notice = { kind: 'refused', text: errorText(err) };
		} else {
			handleError(err, m.rota_save_failed());
		}
		try {
			await this.refresh();
		} catch (again) {
			handleError(again, m.rota_load_failed());
		}
	}

	/** Follows the team's topic; returns the teardown. */
	start(): () => void {
		let channel: RealtimeChannel | null = this.#client.channel(`schedule:${this.teamId}`, {
			config: { private: true }
		});
		channel.on('broadcast', { event: 'schedule_changed' }, (message: { payload?: unknown }) =>
			this.#changed(message.payload)
		);
		const joining = channel;
		this.#client.realtime.setAuth().then(
			() => {
				if (channel !== joining) return;
				channel.subscribe((status) => {
					const joined = status === REALTIME_SUBSCRIBE_STATES.SUBSCRIBED;
					// Whatever changed before the link was up (or while it was down) is read once now.
					if (joined && !this.live) this.refresh().catch((err: unknown) => handleError(err, m.rota_load_failed()));
					this.live = joined;
				});
			},
			(err: unknown) => handleError(err, m.rota_live_failed())
		);
		return () => {
			const leaving = channel;
			channel = null;
			this.live = false;
			if (leaving) void this.#client.removeChannel(leaving);
		};
	}

	#changed(payload: unknown): void {
		if (typeof payload !== 'object' || payload === null) return;
		const change = payload as { week_start?: unknown; schedule_id?: unknown; revision?: unknown; by?: unknown };
		if (change.week_start !== this.week) return;
		const known = this.versions.find((v) => v.id === change.schedule_id);
		if (known && known.revision === change.revision && change.by === this.#userId) return;
		if (this.busy) return; // our own write is refreshing anyway
		if (change.by !== this.#userId) {
			this.notice = { kind: 'info', text: m.rota_changed_elsewhere() };
			// Undo steps were computed against the grid before their change.
			this.undoSteps = [];
		}
		this.refresh().catch((err: unknown) => handleError(err, m.rota_load_failed()));
	}
}
