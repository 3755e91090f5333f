#!/usr/bin/env bash
# Article extraction on real pages (issue 12): bag-of-words F1, precision and recall of the
# cleaned body against each page's expected.html, pages with empty output, and pages per
# second per core, all measured in one process by build/tests/bench_extract (bench_extract.c
# says exactly how).
#
#   tests/bench/bench_extract.sh BUILD_DIR [bench_extract options]     (run by `make bench`)
#
# The pages are Mozilla Readability's test pages, read at run time from shared/pages/readability
# beside the checkout (the repository root's parent), or from $TICKER_PAGES/readability. They
# are other people's writing and are never copied into the project; without them this prints
# why and skips. Targets: F1 >= 0.92 with precision >= 0.93, empty on < 2% of pages, >= 500
# pages per CPU second.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
shift || true
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pages=${TICKER_PAGES:-$root/../shared/pages}/readability
driver=$build/tests/bench_extract
if [ ! -d "$pages" ]; then
    echo "skipped: no test pages at $pages (set TICKER_PAGES to the folder holding readability/)"
    exit 0
fi
if [ ! -x "$driver" ]; then
    echo "bench_extract.sh: $driver is missing (build the project first)" >&2
    exit 2
fi
echo "pages: $pages; load $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# One core, so that CPU time and wall time describe the same core.
if command -v taskset >/dev/null; then
    taskset -c 0 "$driver" "$@" "$pages"
else
    "$driver" "$@" "$pages"
fi
echo "targets: F1 >= 0.92, precision >= 0.93, empty < 2% of pages, >= 500 pages per CPU second"
