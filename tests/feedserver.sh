# Starts and stops tests/feedserver.py on 127.0.0.1 for the shell tests and benchmarks.
# Sourced, not run:
#     . "$tests_dir/feedserver.sh"
#     feedserver_start "$tmp" [feedserver.py options...]   # sets $port and $base
#     ...; feedserver_stop                                  # in the script's EXIT trap
# Sourcing clears the proxy variables: every URL here is loopback and must not go to a proxy.
# The script keeps its own EXIT trap (it has its own scratch files) and calls feedserver_stop.

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
feedserver_pid=
feedserver_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# $1: a scratch directory (the server writes its port to $1/port); the rest go to feedserver.py.
# Waits up to 10 s for the port; returns 1 with a message when the server did not start.
feedserver_start() {
    local dir=$1
    shift
    /usr/bin/python3 "$feedserver_dir/feedserver.py" "$@" >"$dir/port" &
    feedserver_pid=$!
    for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
    port=$(head -n 1 "$dir/port")
    if [ -z "$port" ]; then
        echo "feedserver did not start" >&2
        return 1
    fi
    base="http://127.0.0.1:$port"
}

# Stops the server if it runs; safe to call twice or before feedserver_start.
feedserver_stop() {
    if [ -n "$feedserver_pid" ]; then
        kill "$feedserver_pid" 2>/dev/null || true
        wait "$feedserver_pid" 2>/dev/null || true
        feedserver_pid=
    fi
}
