// Reads a growing log file a piece at a time, the way `tail -F` does: only
// complete lines (a line cut mid-write waits for its newline), from a byte
// offset it remembers, and it survives log rotation. Rotation is seen two ways:
// the path now names another file (logrotate's rename + create: the old file
// is read to its end first, since Asterisk may still have written to it), or
// the file got shorter than the offset (copytruncate: start again from 0; as
// with tail -F, a truncated file that regrows past the offset between two
// polls goes unnoticed).
import { open, stat, type FileHandle } from 'node:fs/promises';

export interface TailStats {
	/** Bytes consumed as complete lines. */
	bytes: number;
	rotations: number;
	truncations: number;
	/** An unterminated last line of a rotated-away file, dropped: it can never be completed. */
	dropped_partial_lines: number;
}

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

function errnoCode(err: unknown): string | undefined {
	return (err as NodeJS.ErrnoException | undefined)?.code;
}

export class FileTail {
	readonly #path: string;
	readonly #maxBytes: number;
	#handle: FileHandle | undefined;
	#ino = 0;
	#offset = 0;
	#partial: Buffer = Buffer.alloc(0);
	#caughtUp = false;
	readonly stats: TailStats = { bytes: 0, rotations: 0, truncations: 0, dropped_partial_lines: 0 };

	/** `maxBytes` bounds one read() so a huge file is handed over in pieces. */
	constructor(path: string, options: { maxBytes?: number } = {}) {
		this.#path = path;
		this.#maxBytes = options.maxBytes ?? 4 * 1024 * 1024;
	}

	/** The byte offset in the current file up to which complete lines were returned. */
	get offset(): number {
		return this.#offset - this.#partial.length;
	}

	/** False when the last read() stopped at maxBytes: call again before waiting. */
	get caughtUp(): boolean {
		return this.#caughtUp;
	}

	/** True while the current file ends with a line that has no newline yet. */
	get holdsPartialLine(): boolean {
		return this.#partial.length > 0;
	}

	/** Complete lines (without their newline) available now. A missing file gives none. */
	async read(): Promise<string[]> {
		if (!this.#handle && !(await this.#openCurrent())) {
			this.#caughtUp = true;
			return [];
		}
		const lines = await this.#readOpen();
		if (!this.#caughtUp) return lines;
		if (await this.#rotated()) {
			if (this.#partial.length > 0) this.stats.dropped_partial_lines += 1;
			await this.close();
			this.stats.rotations += 1;
			if (await this.#openCurrent()) lines.push(...(await this.#readOpen()));
		}
		return lines;
	}

	async close(): Promise<void> {
		const handle = this.#handle;
		this.#handle = undefined;
		this.#partial = Buffer.alloc(0);
		this.#offset = 0;
		await handle?.close();
	}

	async #openCurrent(): Promise<boolean> {
		try {
			this.#handle = await open(this.#path, 'r');
		} catch (err) {
			// Between logrotate's rename and Asterisk's reopen there is no file: wait for it.
			if (errnoCode(err) === 'ENOENT') return false;
			throw err;
		}
		this.#ino = (await this.#handle.stat()).ino;
		this.#offset = 0;
		this.#partial = Buffer.alloc(0);
		return true;
	}

	/** The path now names a different file than the one we hold open. */
	async #rotated(): Promise<boolean> {
		try {
			return (await stat(this.#path)).ino !== this.#ino;
		} catch (err) {
			if (errnoCode(err) === 'ENOENT') return false;
			throw err;
		}
	}

	async #readOpen(): Promise<string[]> {
		const handle = this.#handle;
		if (!handle) return [];
		const size = (await handle.stat()).size;
		if (size < this.#offset) {
			this.stats.truncations += 1;
			this.#offset = 0;
			this.#partial = Buffer.alloc(0);
		}
		const chunks: Buffer[] = [this.#partial];
		let read = 0;
		this.#caughtUp = false;
		while (read < this.#maxBytes) {
			const buffer = Buffer.alloc(Math.min(CHUNK, this.#maxBytes - read));
			const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.#offset);
			if (bytesRead === 0) {
				this.#caughtUp = true;
				break;
			}
			chunks.push(buffer.subarray(0, bytesRead));
			this.#offset += bytesRead;
			read += bytesRead;
		}
		const data = Buffer.concat(chunks);
		const end = data.lastIndexOf(NEWLINE);
		if (end < 0) {
			this.#partial = data;
			return [];
		}
		this.#partial = Buffer.from(data.subarray(end + 1));
		this.stats.bytes += end + 1;
		return data.subarray(0, end).toString('utf8').split('\n');
	}
}
