// Erlang A (Palm's M/M/n+M queue: Poisson arrivals, exponential handling,
// exponential patience) solved exactly from its birth–death chain.
//
// Method. Time is measured in handle times (μ = 1), so a waiting caller
// abandons at rate r = AHT / patience, and with n agents and j callers
// waiting the chain leaves state n + j at rate n + j·r.
// - States below n carry the mass of an Erlang loss system, which the Erlang B
//   recurrence gives without factorials: Σ_{k<n} p_k / p_n = 1/B(n) − 1.
// - Waiting states follow p_{n+j} = p_{n+j−1} · A / (n + j·r), summed until the
//   terms are past their peak and their geometric tail is below 1e-15 of the
//   total (the chain is stable for any load, so the tail always vanishes).
//   Terms are rescaled when they grow large, so heavy overload cannot overflow.
// - A caller who arrives with j waiting ahead would reach an agent after
//   V = Σ_{k=0..j} Exp(n + k·r) (the queue ahead moves by service or by
//   abandonment, whatever the caller does). With U = e^{−rV}, U is
//   Beta(n/r, j + 1) distributed, and the caller, patient for Exp(r), is
//   answered within t when V ≤ t and the patience outlasts V:
//     P(answered within t | j) = m/(m + j + 1) · (1 − I_x(m + 1, j + 1)),
//   with m = n/r, x = e^{−r·t} and I the regularized incomplete beta, which for
//   a whole second argument is the positive series
//     I_x(a, j + 1) = x^a Σ_{k=0..j} (a)_k / k! · (1 − x)^k,
//   accumulated term by term in logarithms (so no power or factorial
//   overflows). Its limit t → ∞ gives P(answered | j) = m / (m + j + 1).
// - Given that the caller is answered, the time at each place in the queue is
//   Exp(n + (k + 1)·r) whichever way it ends, so the mean wait of an answered
//   caller with j ahead is Σ_{k=0..j} 1 / (n + (k + 1)·r).
// By PASTA an arriving caller sees the stationary distribution, so each
// figure below is the mean over states of the per-state figure.

export interface ErlangAState {
	/** An arriving call finds every agent busy and waits. */
	waitProbability: number;
	/** An arriving call hangs up before it is answered. */
	abandonProbability: number;
	/** Answered within the target, over all offered calls: abandoned calls count as missed. */
	serviceLevel: number;
	/** Mean wait of the calls that are answered, in handle times. */
	answeredWaitAht: number;
	/** Carried load per agent: answered work / agents. */
	occupancy: number;
}

/** Waiting states summed before giving up: only an overload with near-infinite patience needs more. */
const MAX_WAITING_STATES = 2_000_000;
const RESCALE_ABOVE = 1e280;

/**
 * @param intensity offered load A in Erlangs (> 0)
 * @param agents n ≥ 1
 * @param patienceRatio r = AHT / mean patience (> 0)
 * @param targetAht the service-level target in handle times (> 0)
 */
export function erlangAState(
	intensity: number,
	agents: number,
	patienceRatio: number,
	targetAht: number
): ErlangAState {
	const a = intensity;
	const n = agents;
	const r = patienceRatio;
	let blocking = 1;
	for (let k = 1; k <= n; k++) blocking = (a * blocking) / (k + a * blocking);
	// Mass of the states with a free agent, relative to p_n; infinite when the
	// chance of all agents being busy is below what a double can hold.
	let below = 1 / blocking - 1;
	if (!Number.isFinite(below)) {
		return { waitProbability: 0, abandonProbability: 0, serviceLevel: 1, answeredWaitAht: 0, occupancy: a / n };
	}

	const m = n / r;
	const logX = -r * targetAht; // log of x = e^{−r·t}
	const logOneMinusX = Math.log(-Math.expm1(logX));
	let logTerm = (m + 1) * logX; // log of the series' k-th term, k = 0 first
	let betaSum = 0; // I_x(m + 1, j + 1)
	let waitSum = 0; // Σ_{k=0..j} 1 / (n + (k + 1)·r)

	let q = 1; // p_{n+j} / p_n, rescaled along with every mass below
	let waiting = 0;
	let abandoning = 0;
	let answeredInTime = 0;
	let answeredWait = 0;
	const peak = (a - n) / r; // the terms grow until j passes this

	for (let j = 0; ; j++) {
		if (j > 0) {
			q *= a / (n + j * r);
			logTerm += Math.log((m + j) / j) + logOneMinusX;
		}
		betaSum += Math.exp(logTerm);
		waitSum += 1 / (n + (j + 1) * r);
		const answered = m / (m + j + 1);
		waiting += q;
		abandoning += q * (1 - answered);
		answeredInTime += q * answered * Math.max(0, 1 - betaSum);
		answeredWait += q * answered * waitSum;

		if (q > RESCALE_ABOVE) {
			const s = 1 / RESCALE_ABOVE;
			q *= s;
			below *= s;
			waiting *= s;
			abandoning *= s;
			answeredInTime *= s;
			answeredWait *= s;
		}
		if (j > peak) {
			const ratio = a / (n + (j + 1) * r);
			if ((q * ratio) / (1 - ratio) < 1e-15 * (below + waiting)) break;
		}
		if (j >= MAX_WAITING_STATES) {
			throw new RangeError(
				`patienceSeconds is too long for Erlang A with ${n} agents at ${a.toFixed(1)} Erlangs: the queue would hold over ${MAX_WAITING_STATES} callers; use Erlang C with more agents`
			);
		}
	}

	const total = below + waiting;
	const abandonProbability = abandoning / total;
	const answeredShare = 1 - abandonProbability;
	return {
		waitProbability: waiting / total,
		abandonProbability,
		serviceLevel: Math.min(1, (below + answeredInTime) / total),
		answeredWaitAht: answeredShare > 0 ? answeredWait / total / answeredShare : 0,
		occupancy: (a * answeredShare) / n
	};
}
