# The shell tests' one way to run a command and check what it did (tests/app/*.sh).
#
# Source it first, with the script's arguments (CTest passes the ticker binary):
#     . "$(dirname "$0")/lib.sh" "$@"
# It sets
#     $ticker   the binary under test ($1)
#     $tests    the tests/ folder; $data: the test data ($TICKER_TEST_DATA or tests/data);
#               $root: the source tree
#     $tmp      a scratch folder, removed when the script exits
# and gives the script a clean environment: no configuration or cache is found outside $tmp
# ($HOME, $XDG_CONFIG_HOME and $XDG_CACHE_HOME point into it; $TICKER_CONFIG is unset).
#
#     run CMD ARGS...             runs it (never stops the script); sets $status and leaves the
#                                 output in $tmp/stdout and $tmp/stderr (run_in FILE CMD ... reads
#                                 standard input from FILE)
#     expect_status N WHAT        the last run exited N ("!0": anything but 0)
#     expect_stdout REGEX WHAT    a line of its stdout matches the extended regex
#     expect_stderr REGEX WHAT    the same for stderr
#     expect_stderr_is TEXT WHAT  stderr is exactly TEXT (a trailing newline added)
#     expect_no_stdout WHAT, expect_no_stderr WHAT
#     expect_json EXPR WHAT       the last run's stdout is JSON, and the Python expression EXPR
#                                 over it (as `d`) is true
#     expect WHAT CMD ARGS...     any other condition: passes when CMD exits 0 (a
#                                 python3 check, cmp, test ...)
#     at_exit CMD                 also run CMD when the script exits (stop a server)
#     skip_rest REASON            ends the script here: the cases after this point cannot run
#                                 on this machine (REASON says why); CTest shows the test as
#                                 skipped (exit 77) unless a check before it failed
#
# Each check prints "ok   WHAT" or "FAIL WHAT"; a failure also prints the last command run,
# its exit status and its stderr (and its stdout when the check was about stdout), so the
# CTest log says what broke without a rerun. The script's exit status is 1 when any check
# failed or no check ran at all, and the status it died with when it died early.

set -u
ticker=${1:?usage: $0 PATH/TO/ticker}
# absolute, so that a test may run it from another folder
case $ticker in */*) ticker=$(cd "$(dirname "$ticker")" && pwd)/$(basename "$ticker") ;; esac
tests=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$(cd "$tests/.." && pwd)
data=${TICKER_TEST_DATA:-$tests/data}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ticker-test-XXXXXX")
lib_failed=0
lib_checks=0
lib_cmd=
lib_skipped=
lib_exit_cmds=()
status=0

unset TICKER_CONFIG
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/cache
mkdir -p "$HOME"

at_exit() {
    lib_exit_cmds+=("$*")
}

lib_on_exit() {
    local rc=$?
    local c
    for c in "${lib_exit_cmds[@]+"${lib_exit_cmds[@]}"}"; do
        eval "$c" || true
    done
    rm -rf "$tmp"
    if [ "$rc" -ne 0 ]; then
        echo "FAIL $(basename "$0") stopped early with status $rc (after: $lib_cmd)" >&2
    elif [ "$lib_failed" -ne 0 ]; then
        echo "$(basename "$0"): $lib_failed of $lib_checks checks failed" >&2
        rc=1
    elif [ -n "$lib_skipped" ]; then
        echo "SKIP $(basename "$0"): $lib_skipped ($lib_checks checks before it passed)"
        rc=77
    elif [ "$lib_checks" -eq 0 ]; then
        echo "FAIL $(basename "$0"): no check ran" >&2
        rc=1
    else
        echo "$(basename "$0"): all $lib_checks checks passed"
    fi
    exit "$rc"
}
trap lib_on_exit EXIT

skip_rest() {
    lib_skipped=$1
    exit 0
}

# The command as a person would retype it.
lib_quote() {
    local out= a
    for a in "$@"; do
        out+=" $(printf '%q' "$a")"
    done
    printf '%s' "${out# }"
}

run() {
    lib_cmd=$(lib_quote "$@")
    "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    return 0
}

run_in() {
    local input=$1
    shift
    lib_cmd="$(lib_quote "$@") < $(printf '%q' "$input")"
    "$@" <"$input" >"$tmp/stdout" 2>"$tmp/stderr"
    status=$?
    return 0
}

lib_show() { # label file
    if [ -s "$2" ]; then
        echo "    $1:"
        head -n 30 "$2" | sed 's/^/      /'
        [ "$(wc -l <"$2")" -le 30 ] || echo "      ..."
    else
        echo "    $1: (empty)"
    fi
}

lib_pass() {
    lib_checks=$((lib_checks + 1))
    echo "ok   $1"
}

# what, then whether to show stdout too
lib_fail() {
    lib_checks=$((lib_checks + 1))
    lib_failed=$((lib_failed + 1))
    {
        echo "FAIL $1"
        if [ -n "$lib_cmd" ]; then
            echo "    command: $lib_cmd"
            echo "    status:  $status"
            lib_show stderr "$tmp/stderr"
            [ "${2:-}" = stdout ] && lib_show stdout "$tmp/stdout"
        fi
    } >&2
    return 0
}

expect_status() {
    local want=$1 what=$2
    if [ "$want" = '!0' ] && [ "$status" -ne 0 ]; then
        lib_pass "$what"
    elif [ "$want" != '!0' ] && [ "$status" -eq "$want" ]; then
        lib_pass "$what"
    else
        lib_fail "$what (exit status $status, want $want)" stdout
    fi
}

expect_stdout() {
    if grep -Eq -- "$1" "$tmp/stdout"; then lib_pass "$2"; else lib_fail "$2 (stdout lacks /$1/)" stdout; fi
}

expect_stderr() {
    if grep -Eq -- "$1" "$tmp/stderr"; then lib_pass "$2"; else lib_fail "$2 (stderr lacks /$1/)"; fi
}

expect_stderr_is() {
    printf '%s\n' "$1" >"$tmp/want"
    if cmp -s "$tmp/want" "$tmp/stderr"; then
        lib_pass "$2"
    else
        lib_fail "$2 (stderr differs from the expected text)"
        diff -u "$tmp/want" "$tmp/stderr" | sed 's/^/      /' >&2
    fi
}

expect_no_stdout() {
    if [ ! -s "$tmp/stdout" ]; then lib_pass "$1"; else lib_fail "$1 (stdout is not empty)" stdout; fi
}

expect_no_stderr() {
    if [ ! -s "$tmp/stderr" ]; then lib_pass "$1"; else lib_fail "$1 (stderr is not empty)"; fi
}

expect_json() {
    if /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$tmp/stdout" "$1" >"$tmp/json.err" 2>&1; then
        lib_pass "$2"
    else
        lib_fail "$2 (not true of stdout: $1)" stdout
        lib_show python "$tmp/json.err" >&2
    fi
}

expect() {
    local what=$1
    shift
    if "$@" >"$tmp/expect.out" 2>&1; then
        lib_pass "$what"
    else
        lib_fail "$what ($(lib_quote "$@") failed)"
        lib_show "its output" "$tmp/expect.out" >&2
    fi
}
