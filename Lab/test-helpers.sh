# shellcheck shell=bash
# The checks every Lab test script shares: sourced after `set -euo pipefail`. Each test is
# `check NAME COMMAND...`; the script ends with `finish`, which prints "N passed, N failed" (the line CI
# reads) and fails when anything failed.

passed=0 failed=0
checked=""

# check NAME COMMAND...: runs COMMAND, records pass/fail, keeps its stdout+stderr in $checked (for a later
# check to look into) and shows it on failure.
check() {
  local name=$1; shift
  if checked=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; printf '%s\n' "$checked" | sed 's/^/     /'
  fi
}

# expect_exit CODE COMMAND...: true when COMMAND exits with CODE.
expect_exit() { local want=$1 rc=0; shift; "$@" || rc=$?; [ "$rc" -eq "$want" ] || { echo "exit $rc, wanted $want"; return 1; }; }
equals() { [ "$1" = "$2" ] || { echo "got '$1', wanted '$2'"; return 1; }; }
contains() { grep -q -- "$2" <<<"$1" || { echo "'$2' not in:"; echo "$1"; return 1; }; }

# json_of FILE EXPR: EXPR evaluated in Python over the file's JSON as `d`, printed; "(unreadable: FILE)" when
# the file is missing or not JSON, so a check compares and fails instead of the script stopping.
json_of() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@" 2>/dev/null || echo "(unreadable: $1)"; }

# finish: the summary line; exit status 1 when a check failed.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
