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

# A check that is pass/fail as a whole counts as one test.
check() { # name command...
	local name=$1
	shift
	echo "=== $name: $*"
	if "$@"; then record "$name" 1 0; else record "$name" 0 1; fi
}

json_counts() { # file node-expression-on-r → "passed failed"
	node -e "
		const fs = require('fs');
		let r; try { r = JSON.parse(fs.readFileSync(process.argv[1], 'utf8')); } catch { console.log('0 1'); process.exit(0); }
		const [p, f] = ($2)(r);
		console.log(p + ' ' + f);" "$1"
}

check lint npm run --silent lint
check types npm run --silent check
check db-types npx tsx scripts/gen-types.ts --check

echo "=== vitest"
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
# Files that fail to load have no failed assertions but must still count.
read -r p f < <(json_counts test-results/vitest.json "(r) => [r.numPassedTests,
	r.numFailedTests + r.testResults.filter((t) => t.status === 'failed' && !t.assertionResults.some((a) => a.status === 'failed')).length]")
record vitest "$p" "$f"

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

echo "=== playwright"
rm -f test-results/e2e.json
npx playwright test
read -r p f < <(json_counts test-results/e2e.json "(r) => [r.stats.expected + r.stats.flaky, r.stats.unexpected]")
record e2e "$p" "$f"

echo
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
