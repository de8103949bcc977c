#!/usr/bin/env bash
# Records which functions a rehearsal runs and writes them to link/hot-functions.txt, the
# order in which build.rs has the linker lay out the release binary (docs/rehearsal.md,
# "Peak memory"). Rerun it after a toolchain or dependency upgrade, or when the rehearsal's
# code changes much; commit the file it writes.
#
# With --check, writes nothing and says which functions a rehearsal runs that the committed
# file lacks (exit 1 when any): a few such are enough to cost a few hundred KB of peak memory,
# since each one lands in a 64 KB window of its own. Check before measuring or releasing.
#
# Needs valgrind, tmux and python3. Takes a few minutes: one release build, then a rehearsal,
# a drill and the report commands under callgrind.
set -euo pipefail
check=false
if [ "${1:-}" = --check ]; then check=true; fi
cd "$(dirname "$0")/.."
work=$(mktemp -d)
session="pacer-hot-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

PACER_LINK_MAP="$work/pacer.map" cargo build --release
cp target/release/pacer "$work/pacer"
cp talks/lora-on-device.toml "$work/talk.toml"
export XDG_DATA_HOME="$work/data"
export NO_COLOR= # the coloured screen, what most speakers see
callgrind=(valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --compress-strings=no)

# Waits (up to a minute: valgrind is slow) until the screen shows $1.
wait_for() {
    for _ in $(seq 600); do
        tmux capture-pane -p -t "$session" 2>/dev/null | grep -q -- "$1" && return 0
        sleep 0.1
    done
    echo "hot-functions: the screen never showed '$1'" >&2
    exit 1
}

# Runs `pacer ARGS...` at 120x40 under callgrind into $work/NAME.cg, waiting for $ready,
# then sends each key of $keys with a pause between, then quits with the keys of $quit
# (default `q y`: quit, and yes).
screen() {
    local name=$1; shift
    tmux new-session -d -s "$session" -x 120 -y 40 \
        "${callgrind[*]} --callgrind-out-file=$work/$name.cg $work/pacer $* 2>$work/$name.log"
    wait_for "$ready"
    for key in $keys; do
        tmux send-keys -t "$session" "$key"
        sleep 2
    done
    for key in ${quit:-q y}; do
        tmux send-keys -t "$session" "$key"
        sleep 1
    done
    for _ in $(seq 600); do
        tmux has-session -t "$session" 2>/dev/null || break
        sleep 0.1
    done
    tmux kill-session -t "$session" 2>/dev/null || true
    test -s "$work/$name.cg" || { echo "hot-functions: no profile from $name" >&2; exit 1; }
}

# The measured case: the clock running at 120x40, two slides in, with the bundled talk and
# with a talk file.
ready=ready keys="Right Right" screen bundled run
ready=ready keys="Right Right" screen rehearsal run "$work/talk.toml"
# What else a rehearsal does, then a drill, then the commands around them.
ready=ready keys="? Escape c c b b Left Right Right End" screen keys run "$work/talk.toml"
# A drill quit shows its summary first; the second q leaves it.
ready=Question keys="Space Space 1 Space Space 3" quit="q y q" screen drill drill "$work/talk.toml"
for command in check plan report history tune; do
    "${callgrind[@]}" --callgrind-out-file="$work/$command.cg" \
        "$work/pacer" "$command" "$work/talk.toml" >/dev/null 2>"$work/$command.log" || true
done

python3 scripts/hot_functions.py "$work/pacer.map" "$work"/{bundled,rehearsal}.cg -- \
    "$work/keys.cg" "$work/drill.cg" "$work"/{check,plan,report,history,tune}.cg \
    > "$work/hot-functions.txt"
if ! $check; then
    cp "$work/hot-functions.txt" link/hot-functions.txt
    echo "hot-functions: wrote link/hot-functions.txt"
    exit 0
fi
sed '/^# the other screens and commands:$/q' "$work/hot-functions.txt" | grep -v '^#' | sort > "$work/ran"
grep -v '^#' link/hot-functions.txt | sort > "$work/listed"
missing=$(comm -23 "$work/ran" "$work/listed")
if [ -n "$missing" ]; then
    echo "hot-functions: a rehearsal runs $(echo "$missing" | wc -l) functions link/hot-functions.txt lacks:" >&2
    echo "$missing" >&2
    echo "hot-functions: run scripts/hot-functions.sh and commit link/hot-functions.txt" >&2
    exit 1
fi
echo "hot-functions: link/hot-functions.txt holds every function a rehearsal runs"
