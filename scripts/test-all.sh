#!/usr/bin/env bash
# The one test command (`npm test`, also what .ci/run calls): installs what the
# tests need, then runs every check and test runner, keeps going after a
# failure so one run shows everything, and ends with one line
# `N passed, N failed` totalled over all of them. Exit status 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh --test || { echo "0 passed, 1 failed"; exit 1; }

mkdir -p test-results
SECONDS=0
passed=0
failed=0
summary=()

# Each runner's wall time goes into the summary too: the whole run must stay
# well under CI's 15-minute budget, and this shows where it goes.
mark=$SECONDS
record() { # name passed failed
	passed=$((passed + $2))
	failed=$((failed + $3))
	summary+=("$(printf '%-12s %4d passed %4d failed  %4ds' "$1" "$2" "$3" $((SECONDS - mark)))")
	mark=$SECONDS
}

json_counts() { # file node-expression-on-r → "passed failed"
	node -e "
		const fs = require('fs');
		let r; try { r = JSON.parse(fs.readFileSync(process.argv[1], 'utf8')); } catch { console.log('0 1'); process.exit(0); }
		const [p, f] = ($2)(r);
		console.log(p + ' ' + f);" "$1"
}

# Two lanes, one per core. The foreground lane runs the database suites and
# then vitest; the background lane builds the app for Playwright (so its
# server starts at once) and runs lint and the type checks, each mostly one
# core. In a row they cost CI about five minutes more than side by side.
# The background lane's output goes to a file, shown after vitest so the log
# reads in order.
#
# The lane compiles the messages once, first, while only pgTAP runs: the
# paraglide CLI (`npm run i18n`, which `npm run lint` and `npm run check`
# start with) empties src/lib/paraglide before writing it again, and vitest
# imports from there meanwhile. So lint and the type checks run here without
# that step; what they run is otherwise the package.json scripts'.
lane_build() { npm run --silent i18n && npx vite build --logLevel warn; }
# Playwright's seeded data folder, made here rather than when its run starts
# (tests/e2e/data-template.ts); the id names it for both.
export CALLBOARD_E2E_RUN="test-all-$$"
lane_e2e_data() { npx tsx tests/e2e/prepare-data-template.ts; }
lane_lint() { npx svelte-kit sync && npx prettier --check . && npx eslint . --max-warnings 0; }
lane_types() {
	npx svelte-kit sync && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings && npm run --silent check:node
}
lane_db_types() { npx tsx scripts/gen-types.ts --check; }
checks_log=test-results/checks.log
checks_result=test-results/checks.result
: >"$checks_result"
(
	for name in build e2e_data lint types db_types; do
		start=$SECONDS
		echo "=== ${name//_/-}"
		if "lane_$name"; then ok=1; else ok=0; fi
		echo "${name//_/-} $ok $((SECONDS - start))" >>"$checks_result"
	done
) >"$checks_log" 2>&1 &
checks_pid=$!

pgtap() { # name runner-args...
	local name=$1 out
	shift
	echo "=== $name"
	out=$(npx tsx scripts/test-pgtap.ts "$@" 2>&1 | tee /dev/stderr | grep '^PGTAP_SUMMARY' | tail -1)
	if [[ $out =~ passed=([0-9]+)\ failed=([0-9]+) ]]; then
		record "$name" "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
	else
		record "$name" 0 1
	fi
}
pgtap pgtap
# The same suite on Supabase's own auth and realtime schemas instead of the shim.
pgtap conformance --platform supabase

echo "=== vitest"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
# Files that fail to load have no failed assertions but must still count.
read -r p f < <(json_counts test-results/vitest.json "(r) => [r.numPassedTests,
	r.numFailedTests + r.testResults.filter((t) => t.status === 'failed' && !t.assertionResults.some((a) => a.status === 'failed')).length]")
record vitest "$p" "$f"

wait "$checks_pid"
cat "$checks_log"
while read -r name ok secs; do
	summary+=("$(printf '%-12s %4d passed %4d failed  %4ds (beside)' "$name" "$ok" $((1 - ok)) "$secs")")
	passed=$((passed + ok))
	failed=$((failed + 1 - ok))
done <"$checks_result"
for name in build e2e-data lint types db-types; do
	grep -q "^$name " "$checks_result" || { summary+=("$name did not finish"); failed=$((failed + 1)); }
done
mark=$SECONDS

echo "=== playwright"
rm -f test-results/e2e.json
npx playwright test
read -r p f < <(json_counts test-results/e2e.json "(r) => [r.stats.expected + r.stats.flaky, r.stats.unexpected]")
record e2e "$p" "$f"
# Passed on the retry only: counted as passed, and named here so nobody misses them.
read -r flaky _ < <(json_counts test-results/e2e.json "(r) => [r.stats.flaky, 0]")
[ "$flaky" -gt 0 ] && summary+=("             of which $flaky flaky (failed once, passed on the retry)")

echo
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
