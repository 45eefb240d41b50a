// HiGHS (compiled to WebAssembly, npm `highs`) as this app uses it: load the
// runtime once, build a sparse MIP row by row, and solve it with a time
// limit and a gap target while reporting progress. The same code runs in
// Node (tests, benchmarks: the package finds highs.wasm beside itself) and
// in a Web Worker (the worker passes the URL Vite gave the .wasm file).
import loadHighs, {
	type Highs,
	type InterruptCallbackEvent,
	type ModelData,
	type OptionValue,
	type VariableType
} from 'highs';

export type { Highs };

let loading: Promise<Highs> | undefined;

/**
 * The HiGHS runtime, loaded on first use. `wasmUrl` is where the browser finds highs.wasm;
 * Node needs none. A failed load is not cached, so a later call tries again.
 */
export function loadSolver(wasmUrl?: string): Promise<Highs> {
	loading ??= loadHighs(wasmUrl === undefined ? {} : { locateFile: () => wasmUrl }).catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

export interface ColumnSpec {
	cost?: number;
	lower?: number;
	upper?: number;
	integer?: boolean;
}

/** A MIP in the making: columns with costs and bounds, rows lower ≤ Σ coefficient × column ≤ upper. */
export class LinearModel {
	readonly #cost: number[] = [];
	readonly #lower: number[] = [];
	readonly #upper: number[] = [];
	readonly #integrality: VariableType[] = [];
	readonly #rowLower: number[] = [];
	readonly #rowUpper: number[] = [];
	readonly #starts: number[] = [0];
	readonly #indices: number[] = [];
	readonly #values: number[] = [];
	/** A constant added to the objective. */
	offset = 0;

	get columnCount(): number {
		return this.#cost.length;
	}

	get rowCount(): number {
		return this.#rowLower.length;
	}

	addColumn({ cost = 0, lower = 0, upper = Infinity, integer = false }: ColumnSpec = {}): number {
		this.#cost.push(cost);
		this.#lower.push(lower);
		this.#upper.push(upper);
		this.#integrality.push(integer ? 1 : 0);
		return this.#cost.length - 1;
	}

	addCost(column: number, cost: number): void {
		this.#cost[column] = (this.#cost[column] ?? 0) + cost;
	}

	/** Adds a row; a column named twice has its coefficients summed (HiGHS refuses repeats). */
	addRow(lower: number, upper: number, terms: Iterable<readonly [column: number, coefficient: number]>): number {
		const merged = new Map<number, number>();
		for (const [column, coefficient] of terms) merged.set(column, (merged.get(column) ?? 0) + coefficient);
		for (const [column, coefficient] of merged) {
			if (coefficient === 0) continue;
			this.#indices.push(column);
			this.#values.push(coefficient);
		}
		this.#starts.push(this.#indices.length);
		this.#rowLower.push(lower);
		this.#rowUpper.push(upper);
		return this.#rowLower.length - 1;
	}

	toModelData(): ModelData {
		return {
			numCols: this.columnCount,
			numRows: this.rowCount,
			offset: this.offset,
			colCost: this.#cost,
			colLower: this.#lower,
			colUpper: this.#upper,
			rowLower: this.#rowLower,
			rowUpper: this.#rowUpper,
			integrality: this.#integrality,
			matrix: {
				format: 'csr',
				numRows: this.rowCount,
				numCols: this.columnCount,
				starts: this.#starts,
				indices: this.#indices,
				values: this.#values
			}
		};
	}
}

/** Where a solve stands: its best schedule's objective, the proven bound, their relative gap. */
export interface SolveProgress {
	seconds: number;
	objective: number | null;
	bound: number | null;
	gap: number | null;
}

export interface SolveOptions {
	timeLimitSeconds?: number;
	/** Stop once the gap between the best solution and the bound is at most this (HiGHS mip_rel_gap). */
	relativeGap?: number;
	/** Called at most every `progressEvery` seconds while HiGHS works (synchronously, from its callbacks). */
	onProgress?: (progress: SolveProgress) => void;
	progressEvery?: number;
	/** Checked at HiGHS's checkpoints: true ends the solve early, keeping the best solution. */
	stopWhen?: (progress: SolveProgress) => boolean;
	/** A solution to start from (every column's value); HiGHS checks it and keeps it if feasible. */
	start?: Float64Array;
	/** Further HiGHS options by their names, e.g. { presolve: 'off' }. */
	highsOptions?: Readonly<Record<string, OptionValue>>;
}

export interface SolveResult extends SolveProgress {
	/**
	 * optimal: proven within relativeGap; infeasible: no solution exists; time-limit: stopped by the
	 * clock, with or without a solution; stopped: by stopWhen.
	 */
	status: 'optimal' | 'infeasible' | 'time-limit' | 'stopped';
	/** Column values of the best solution found, null when there is none. */
	values: Float64Array | null;
}

const finite = (value: number | bigint): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The model's linear relaxation: the same rows and columns, every column continuous. */
export function relaxation(data: ModelData): ModelData {
	return { ...data, integrality: undefined };
}

/**
 * The model with its integer columns held to what the relaxation's solution suggests: a value
 * that is already whole is fixed, a fractional one may go to the whole number below or above it
 * (what MIP solvers call RENS). A small MIP whose solutions are solutions of the whole model.
 */
export function roundingNeighbourhood(data: ModelData, relaxed: Float64Array): ModelData {
	const lower = Float64Array.from(data.colLower);
	const upper = Float64Array.from(data.colUpper);
	data.integrality?.forEach((kind, j) => {
		if (kind === 0) return;
		const value = relaxed[j] ?? 0;
		const whole = Math.round(value);
		const [low, high] = Math.abs(value - whole) < 1e-6 ? [whole, whole] : [Math.floor(value), Math.ceil(value)];
		lower[j] = Math.max(lower[j] ?? -Infinity, low);
		upper[j] = Math.min(upper[j] ?? Infinity, high);
	});
	return { ...data, colLower: lower, colUpper: upper };
}

/** Solves the model; throws when HiGHS reports an error rather than an outcome. */
export function solveModel(highs: Highs, model: LinearModel | ModelData, options: SolveOptions = {}): SolveResult {
	const started = performance.now();
	const data = model instanceof LinearModel ? model.toModelData() : model;
	const solver = highs.createModel(data);
	try {
		solver.options.set({ output_flag: false, mip_rel_gap: options.relativeGap ?? 1e-4, ...options.highsOptions });
		if (options.timeLimitSeconds !== undefined) solver.options.set('time_limit', options.timeLimitSeconds);
		if (options.start) solver.setSolution({ colValue: options.start });
		const { onProgress, stopWhen } = options;
		const every = options.progressEvery ?? 0.25;
		let reported = -Infinity;
		const watch = (event: InterruptCallbackEvent) => {
			const progress: SolveProgress = {
				seconds: event.data.running_time ?? 0,
				objective: finite(event.data.mip_primal_bound ?? Infinity),
				bound: finite(event.data.mip_dual_bound ?? -Infinity),
				gap: finite(event.data.mip_gap ?? Infinity)
			};
			if (onProgress && progress.seconds - reported >= every) {
				reported = progress.seconds;
				onProgress(progress);
			}
			if (stopWhen?.(progress)) event.interrupt();
			return undefined;
		};
		solver.run(onProgress || stopWhen ? { [highs.constants.callbackType.mipInterrupt]: watch } : undefined);
		const status = solver.getModelStatus();
		const codes = highs.constants.modelStatus;
		const hasSolution = solver.info.get('primal_solution_status') === 2;
		const seconds = (performance.now() - started) / 1000;
		const outcome: SolveResult['status'] | undefined =
			status === codes.optimal
				? 'optimal'
				: status === codes.infeasible || status === codes.unboundedOrInfeasible
					? 'infeasible'
					: status === codes.timeLimit
						? 'time-limit'
						: status === codes.interrupted
							? 'stopped'
							: undefined;
		if (outcome === undefined) throw new Error(`HiGHS stopped with model status ${status}`);
		if (outcome === 'infeasible')
			return { status: outcome, objective: null, bound: null, gap: null, seconds, values: null };
		const objective = hasSolution ? solver.getObjectiveValue() : null;
		// An LP (a relaxation) has no MIP bound: its optimum is the bound. So has a MIP that
		// presolve solved outright.
		const isMip = data.integrality?.some((kind) => kind !== 0) === true;
		const bound =
			(isMip ? finite(solver.info.get('mip_dual_bound')) : null) ?? (outcome === 'optimal' ? objective : null);
		return {
			status: outcome,
			objective,
			bound,
			gap: objective === null || bound === null ? null : relativeGap(objective, bound),
			seconds,
			values: hasSolution ? solver.getSolution().colValue : null
		};
	} finally {
		solver.dispose();
	}
}

/** HiGHS's measure: |objective − bound| / |objective| (0 when both are 0). */
export function relativeGap(objective: number, bound: number): number {
	const difference = Math.max(0, objective - bound);
	if (difference <= 1e-9) return 0;
	return difference / Math.max(Math.abs(objective), 1e-9);
}
