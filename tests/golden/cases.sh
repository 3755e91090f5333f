# The golden frame cases: one line per case, "NAME ARGS...", ARGS given to `ticker render`
# (paths relative to tests/). Sourced by regenerate.sh and by tests/app/render_golden.sh.
# Every case fixes --now, so the clock and the ages are part of the picture. Cases stay short
# (--start-frame jumps ahead for free): they also run under ASan and under clang in `make test`.
golden_now=2026-11-27T14:35:00+01:00
d=data/render
golden_cases=(
  "de_1080p --size 1920x1080 --feed $d/de.xml --feed $d/en.xml --frames 121 --every 60"
  "all_720p --size 1280x720 --feed $d/de.xml --feed $d/en.xml --feed $d/wide.xml --feed $d/ar.xml --feed $d/he.xml --feed $d/cjk.xml --feed $d/emoji.xml --start-frame 600 --frames 61 --every 30"
  "all_4k --size 3840x2160 --feed $d/de.xml --feed $d/ar.xml --feed $d/cjk.xml --feed $d/emoji.xml --frames 2"
  "portrait --size 1080x1920 --feed $d/de.xml --feed $d/he.xml --feed $d/cjk.xml --frames 61 --every 30"
  "bar --size 1920x360 --feed $d/en.xml --feed $d/emoji.xml --frames 61 --every 30"
  "band_only --size 1920x360 --config $d/band.json --feed $d/en.xml --feed $d/ar.xml --frames 61 --every 30"
  "en_top_offline --size 1280x720 --config $d/en-12h.json --feed $d/en.xml --offline --frames 31 --every 30"
  "wide_headline --size 1920x1080 --feed $d/wide.xml --start-frame 900 --frames 2"
  "reduced_motion --size 1280x720 --config $d/reduced.json --feed $d/de.xml --start-frame 500 --frames 80 --every 8"
  "no_news --size 1280x720 --frames 2"
  "pictures_1080p --size 1920x1080 --feed $d/pictures.xml --frames 1200 --every 60"
  "pictures_portrait --size 1080x1920 --feed $d/pictures.xml --frames 61 --every 30"
  "pictures_bar_qr --size 1920x360 --config $d/qr-on.json --feed $d/pictures.xml --frames 31 --every 30"
  "pictures_off --size 1280x720 --config $d/qr-off.json --feed $d/pictures.xml --frames 2"
)
