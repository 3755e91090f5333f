# Sourced by the wall display's tests: a private X server (Xvfb) for SDL's x11 driver, and
# helpers to wait for log lines. Sets DISPLAY; the server is stopped by `x11_stop` (call it
# from the test's EXIT trap).

x11_start() {
    local w=${1:-1920} h=${2:-1080}
    command -v Xvfb >/dev/null || { echo "Xvfb is missing: run toolchain/install-deps.sh" >&2; exit 1; }
    local fifo
    fifo=$(mktemp -u)
    mkfifo "$fifo"
    # -displayfd: the server picks a free display number and writes it when it is ready.
    Xvfb -displayfd 3 -screen 0 "${w}x${h}x24" -nolisten tcp -noreset 3>"$fifo" 2>/dev/null &
    X11_PID=$!
    local n
    read -r -t 30 n <"$fifo" || { echo "Xvfb did not start" >&2; rm -f "$fifo"; exit 1; }
    rm -f "$fifo"
    export DISPLAY=":$n"
    # The same software path as headless frames, no desktop settings, no audio.
    export SDL_VIDEODRIVER=x11 SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
}

x11_stop() {
    [ -n "${X11_PID:-}" ] && kill "$X11_PID" 2>/dev/null && wait "$X11_PID" 2>/dev/null
    X11_PID=
}

# wait_for FILE PATTERN SECONDS: waits until a line of FILE matches the extended regex.
wait_for() {
    local file=$1 pat=$2 secs=${3:-30} i=0
    while [ $i -lt $((secs * 10)) ]; do
        grep -Eq -- "$pat" "$file" 2>/dev/null && return 0
        sleep 0.1
        i=$((i + 1))
    done
    echo "timed out after ${secs} s waiting for /$pat/ in $file; it holds:" >&2
    cat "$file" >&2
    return 1
}

# A feed of n items dated minutes before now (so no retention age drops them on any day).
write_feed() {
    local out=$1 title=$2 n=${3:-6}
    /usr/bin/python3 - "$out" "$title" "$n" <<'PY'
import sys, time, email.utils
out, title, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
now = time.time()
items = []
for i in range(n):
    d = email.utils.formatdate(now - 600 - i * 900, usegmt=True)
    items.append(f"""<item><title>{title} story {i + 1}: the harbour ferry changes its timetable</title>
<link>https://example.invalid/{title}/{i}</link><guid>{title}-{i}</guid><pubDate>{d}</pubDate>
<description>First sentence of story {i + 1}. A second sentence with more detail about it.</description></item>""")
open(out, "w").write(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>https://example.invalid/</link>
{''.join(items)}</channel></rss>""")
PY
}
