// The single-box server's demo history: on first start, the weeks before
// today backfilled through the ingest API (backfill.ts), after the live
// simulator has sent today up to now, so boards have today at once and the
// forecast and reports get their weeks a little later. When it is done, a
// note in the data folder says which days are in; a later start fills only
// the days since (the server was off), and tests wait for the note.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { supabaseSink } from '../ingest-client/supabase-sink.ts';
import { backfillDays, daysBefore, type BackfillReport } from './backfill.ts';
import { DEMO_SITE_ID, DEMO_TIME_ZONE } from './demo-site.ts';
import { addDays, supabaseScheduleSource } from './published-schedule.ts';
import { supabaseCalendarSource } from './site-calendar.ts';
import { siteDayOf } from './site-time.ts';

export const HISTORY_NOTE = 'demo-history.json';
const SEED = 42;

const Note = z.object({
	seed: z.number(),
	/** The first and last site day (yyyy-MM-dd) whose events are all in. */
	from: z.string(),
	through: z.string(),
	finishedAt: z.string(),
	/** What the backfill that wrote the note sent (events) and how long it took (ms). */
	events: z.number().optional(),
	tookMs: z.number().optional()
});
export type HistoryNote = z.infer<typeof Note>;

export interface DemoHistoryOptions {
	/** Whole weeks of days before today. */
	weeks: number;
	/** The server's own URL and service-role key. */
	url: string;
	key: string;
	dataDir: string;
	/** The demo seed went in at this start: a note left in the folder is about another database. */
	newDatabase: boolean;
	/** Waited for before the first day is sent: today's part, which the boards need first. */
	after?: Promise<unknown>;
	/** Refreshes the planner's statistics as the history grows (see BackfillOptions.analyze). */
	analyze?: () => Promise<void>;
	/** For tests: the present. */
	now?: number;
	log?: (line: string) => void;
}

export interface DemoHistoryHandle {
	/** Resolves when the backfill ends (undefined when there was nothing to do); never rejects. */
	done: Promise<BackfillReport | undefined>;
	stop(): Promise<void>;
}

export async function readHistoryNote(dataDir: string): Promise<HistoryNote | undefined> {
	try {
		const parsed = Note.safeParse(JSON.parse(await readFile(path.join(dataDir, HISTORY_NOTE), 'utf8')));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

async function writeNote(dataDir: string, note: HistoryNote): Promise<void> {
	// Written whole, then renamed, so a reader never sees half a note.
	const file = path.join(dataDir, HISTORY_NOTE);
	await writeFile(`${file}.tmp`, `${JSON.stringify(note, null, '\t')}\n`, { mode: 0o600 });
	await rename(`${file}.tmp`, file);
}

export interface HistoryPlan {
	/** The days to send (those no note covers), newest first. */
	days: string[];
	/** The wanted window. */
	from: string;
	through: string;
	/** The first day the note can say is in once these are sent. */
	noteFrom: string;
}

/**
 * Which of the wanted days (newest first) still need sending, given the note
 * of an earlier backfill; undefined when none do. The note's days are in,
 * and stay counted when they join up with the window.
 */
export function planHistory(wanted: readonly string[], note: HistoryNote | undefined): HistoryPlan | undefined {
	const [through, from] = [wanted[0], wanted.at(-1)];
	if (through === undefined || from === undefined) return undefined;
	const known = note?.seed === SEED ? note : undefined;
	const days = wanted.filter((key) => !known || key < known.from || key > known.through);
	if (days.length === 0) return undefined;
	const joined = known !== undefined && known.from < from && known.through >= addDays(from, -1);
	return { days, from, through, noteFrom: joined ? known.from : from };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function startDemoHistory(options: DemoHistoryOptions): DemoHistoryHandle {
	const log = options.log ?? (() => {});
	const aborter = new AbortController();
	const run = async (): Promise<BackfillReport | undefined> => {
		const now = options.now ?? Date.now();
		const wanted = daysBefore(now, options.weeks * 7, DEMO_TIME_ZONE);
		const note = options.newDatabase ? undefined : await readHistoryNote(options.dataDir);
		const plan = planHistory(
			wanted.map((d) => d.key),
			note
		);
		if (!plan) return undefined;
		const days = wanted.filter((d) => plan.days.includes(d.key));
		await options.after;
		if (aborter.signal.aborted) return undefined;
		log(`backfilling ${days.length} day(s) of history (${plan.from} … ${plan.through}), newest first`);
		const started = performance.now();
		let lastLog = started;
		const report = await backfillDays({
			days,
			seed: SEED,
			sink: supabaseSink(options.url, options.key),
			schedules: supabaseScheduleSource(options.url, options.key, DEMO_SITE_ID),
			calendar: supabaseCalendarSource(options.url, options.key, DEMO_SITE_ID),
			signal: aborter.signal,
			analyze: options.analyze,
			log,
			progress: (done, events) => {
				if (performance.now() - lastLog < 10_000) return;
				lastLog = performance.now();
				log(`history: ${done} of ${days.length} day(s) simulated, ${events} events`);
			}
		});
		const tookMs = performance.now() - started;
		const took = seconds(tookMs);
		const { delivery } = report;
		if (report.error) {
			log(`history stopped after ${took}: ${report.error}`);
			return report;
		}
		await writeNote(options.dataDir, {
			seed: SEED,
			from: plan.noteFrom,
			through: plan.through,
			finishedAt: new Date().toISOString(),
			events: report.events,
			tookMs: Math.round(tookMs)
		});
		log(
			`history backfilled in ${took}: ${report.days} day(s), ${report.events} events ` +
				`(${delivery.accepted} new, ${delivery.duplicates} already in, ${delivery.rejected} refused)`
		);
		return report;
	};
	const done = run().catch((err: unknown) => {
		log(`history failed: ${err instanceof Error ? err.message : String(err)}`);
		return undefined;
	});
	return {
		done,
		async stop() {
			aborter.abort();
			await done;
		}
	};
}

/** The site day before `now`'s: the newest day a finished backfill has. */
export function yesterdayOf(now: number, timeZone = DEMO_TIME_ZONE): string {
	return addDays(siteDayOf(now, timeZone).key, -1);
}
