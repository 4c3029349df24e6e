#!/usr/bin/env bash
# Checks that the editor setups in the README start the mktplan language server
# and show its findings: each setup opens examples/draft.mktplan.yaml (and a copy
# named *.mktplan.yml outside any repository) and must get exactly the findings
# listed in examples/draft.expected.json.
#
#   nvim-0.7    test/clients/init-0.7.lua in the installed Neovim (0.7 or later)
#   nvim-0.10   test/clients/init-0.10.lua: in Neovim 0.10 or later as it is;
#               in 0.7-0.9 through nvim-0.10-on-0.7.lua, which stands in for
#               vim.fs.root, vim.fs.dirname and vim.lsp.start
#   eglot       test/clients/mktplan-eglot.el in Emacs, findings read from flymake
#
# Needs: Neovim (Debian: apt-get install -y neovim), Emacs with eglot and
# yaml-mode (Debian 12: apt-get install -y emacs-nox elpa-eglot elpa-yaml-mode).
# An editor that is missing is reported as skipped; with --strict it fails.
# The server run is `node dist/server.js` (built first when missing) under the
# name mktplan-language-server; MKTPLAN_CLIENTS_USE_PATH=1 uses the
# mktplan-language-server found on PATH instead (after `npm link`, say).
#
# Usage: bash test/clients/run.sh [--strict]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
strict=0
[ "${1:-}" = "--strict" ] && strict=1
passed=0 failed=0 skipped=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "${MKTPLAN_CLIENTS_USE_PATH:-}" = "1" ]; then
  command -v mktplan-language-server >/dev/null || { echo "mktplan-language-server is not on PATH"; exit 2; }
else
  if [ ! -f "$root/dist/server.js" ]; then (cd "$root" && npm run build >/dev/null) || { echo "npm run build failed"; exit 2; }; fi
  mkdir -p "$work/bin"
  printf '#!/bin/sh\nexec node "%s/dist/server.js" "$@"\n' "$root" > "$work/bin/mktplan-language-server"
  chmod +x "$work/bin/mktplan-language-server"
  export PATH="$work/bin:$PATH"
fi

# What every setup must show: the draft's findings, as `diagnostic <line> <code>`.
node -e '
  const { findings } = require(process.argv[1]);
  console.log(findings.map((f) => `diagnostic ${f.line} ${f.code}`).sort().join("\n"));
' "$root/examples/draft.expected.json" > "$work/expected" || exit 2
mkdir -p "$work/outside"
cp "$root/examples/draft.mktplan.yaml" "$work/outside/draft.mktplan.yml"

# check NAME FILE FILETYPE CLIENT COMMAND...: runs COMMAND with MKTPLAN_CLIENT_FILE
# and MKTPLAN_CLIENT_RESULT set, then compares what it wrote with the expectation.
check() {
  local name="$1" file="$2" filetype="$3" client="$4"; shift 4
  local result="$work/result" log="$work/log" problem=""
  rm -f "$result"
  if ! (cd "$(dirname "$file")" && MKTPLAN_CLIENT_FILE="$file" MKTPLAN_CLIENT_RESULT="$result" timeout 120 "$@") >"$log" 2>&1 </dev/null; then
    problem="the editor exited with an error"
  elif [ ! -s "$result" ]; then
    problem="the editor wrote no result"
  elif ! grep -qx "filetype $filetype" "$result"; then
    problem="filetype is not $filetype: $(grep '^filetype' "$result")"
  elif ! grep -qx "client $client" "$result"; then
    problem="no $client client attached"
  elif ! diff <(grep '^diagnostic' "$result" | sort) "$work/expected" > "$work/diff"; then
    problem="findings differ from examples/draft.expected.json: $(tr '\n' ' ' < "$work/diff")"
  fi
  if [ -z "$problem" ]; then
    echo "ok $name ($(grep -c '^diagnostic' "$result") findings)"
    passed=$((passed + 1))
  else
    echo "FAILED $name: $problem"
    tail -n 20 "$log" | awk '{ print "    " $0 }'
    failed=$((failed + 1))
  fi
}

skip() {
  if [ "$strict" = 1 ]; then echo "FAILED $1: $2"; failed=$((failed + 1)); else echo "skipped $1: $2"; skipped=$((skipped + 1)); fi
}

plans=("$root/examples/draft.mktplan.yaml" "$work/outside/draft.mktplan.yml")

if command -v nvim >/dev/null; then
  version="$(nvim --version | head -1 | sed 's/^NVIM v//')"
  minor="$(echo "$version" | cut -d. -f2)"
  major="$(echo "$version" | cut -d. -f1)"
  if [ "$major" = 0 ] && [ "$minor" -lt 7 ]; then
    skip nvim "Neovim $version is older than 0.7"
  else
    if [ "$major" = 0 ] && [ "$minor" -lt 10 ]; then init10="$here/nvim-0.10-on-0.7.lua" note=", stand-ins for the 0.10 functions"; else init10="$here/init-0.10.lua" note=""; fi
    for plan in "${plans[@]}"; do
      check "nvim-0.7 on Neovim $version: $(basename "$plan")" "$plan" mktplan mktplan \
        nvim --headless -u "$here/init-0.7.lua" -c "luafile $here/check-nvim.lua" -c 'qa!' "$plan"
      check "nvim-0.10 on Neovim $version$note: $(basename "$plan")" "$plan" mktplan mktplan \
        nvim --headless -u "$init10" -c "luafile $here/check-nvim.lua" -c 'qa!' "$plan"
    done
  fi
else
  skip nvim "nvim not found (Debian: apt-get install -y neovim)"
fi

if command -v emacs >/dev/null; then
  version="$(emacs --version | head -1 | sed 's/^GNU Emacs //')"
  for plan in "${plans[@]}"; do
    check "eglot on Emacs $version: $(basename "$plan")" "$plan" mktplan-mode mktplan-language-server \
      emacs --batch -l "$here/mktplan-eglot.el" -l "$here/check-eglot.el"
  done
else
  skip eglot "emacs not found (Debian 12: apt-get install -y emacs-nox elpa-eglot elpa-yaml-mode)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
