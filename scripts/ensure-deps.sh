#!/usr/bin/env bash
# Installs what Callboard needs on a fresh Debian machine, skipping what is
# already there. `ensure-deps.sh` = npm packages (enough for `npm start`);
# `ensure-deps.sh --test` also installs Debian's Chromium for Playwright and
# pgTAP for PostgreSQL 15 (the database tests) and a CJK font for screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '[deps] %s\n' "$*"; }

# npm packages: install when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	# Not `npm ci`: the registry here lacks some optional platform packages
	# (e.g. @lix-js/sdk-darwin-arm64) that the lockfile names, and `npm ci`
	# refuses such a lockfile; `npm install --no-save` installs the locked
	# versions and skips the missing optional ones without touching the lockfile.
	say "installing npm packages (npm install from the lockfile)"
	npm install --no-save --no-audit --no-fund --loglevel=error
fi

[ "$want_test" = 1 ] || exit 0

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
[ -f /usr/share/postgresql/15/extension/pgtap.control ] || apt_packages+=(postgresql-15-pgtap)
[ -x /usr/lib/postgresql/15/bin/initdb ] || apt_packages+=(postgresql-15)
# Chinese text in screenshots needs a CJK font, as a Chinese TV box has.
[ -d /usr/share/fonts/opentype/noto ] || apt_packages+=(fonts-noto-cjk)

if [ ${#apt_packages[@]} -gt 0 ]; then
	sudo=()
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null || { say "need root (or sudo) to apt-get install ${apt_packages[*]}"; exit 1; }
		sudo=(sudo)
	fi
	say "installing Debian packages: ${apt_packages[*]}"
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
