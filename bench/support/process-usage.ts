// Memory and CPU of a process, sampled from /proc (Linux): the floor
// benchmark's server runs as a child process, so its resident set and CPU
// time are its own, apart from the clients'.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second (USER_HZ): 100 on every Linux Node supports. */
const TICKS_PER_S = 100;

/** utime + stime in ticks from /proc/<pid>/stat (fields 14 and 15; the name in parentheses may hold spaces). */
export function cpuTicks(stat: string): number {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is the state (field 3), so utime (14) and stime (15) are at 11 and 12.
	return Number(fields[11]) + Number(fields[12]);
}

/** The parent pid from /proc/<pid>/stat (field 4). */
export function parentPid(stat: string): number {
	return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** VmRSS in bytes from /proc/<pid>/status. */
export function residentBytes(status: string): number {
	const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
	return kib === undefined ? Number.NaN : Number(kib) * 1024;
}

/** The child of `parent` whose command line contains `needle`. */
export function findChild(parent: number, needle: string): number | undefined {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (parentPid(readFileSync(`/proc/${entry}/stat`, 'utf8')) !== parent) continue;
			if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').includes(needle)) return Number(entry);
		} catch {
			// gone meanwhile
		}
	}
	return undefined;
}

export interface UsageSample {
	/** ms, performance.now() */
	at: number;
	rss: number;
	ticks: number;
}

export interface UsageSampler {
	readonly samples: readonly UsageSample[];
	/** Peak and median RSS (bytes) and the CPU used (% of one core) between two instants. */
	summary(from: number, to: number): { peakRss: number; medianRss: number; cpuPercent: number };
	stop(): void;
}

export function sampleUsage(pid: number, everyMs: number): UsageSampler {
	const samples: UsageSample[] = [];
	const take = () => {
		try {
			samples.push({
				at: performance.now(),
				rss: residentBytes(readFileSync(`/proc/${pid}/status`, 'utf8')),
				ticks: cpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'))
			});
		} catch {
			// the process ended
		}
	};
	take();
	const timer = setInterval(take, everyMs);
	return {
		samples,
		summary(from, to) {
			const inside = samples.filter((s) => s.at >= from && s.at <= to);
			const first = inside[0];
			const last = inside.at(-1);
			const rss = inside.map((s) => s.rss).sort((a, b) => a - b);
			const seconds = first && last ? (last.at - first.at) / 1000 : 0;
			return {
				peakRss: rss.at(-1) ?? Number.NaN,
				medianRss: rss[Math.floor((rss.length - 1) / 2)] ?? Number.NaN,
				cpuPercent:
					first && last && seconds > 0 ? ((last.ticks - first.ticks) / TICKS_PER_S / seconds) * 100 : Number.NaN
			};
		},
		stop: () => clearInterval(timer)
	};
}
