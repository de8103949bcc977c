#!/usr/bin/env bash
# Records which functions a rehearsal runs and writes them to link/hot-functions.txt, the
# order in which build.rs has the linker lay out the release binary (docs/rehearsal.md,
# "Peak memory"). Rerun it after a toolchain or dependency upgrade, or when the rehearsal's
# code changes much; commit the file it writes.
#
# Needs valgrind, tmux and python3. Takes a few minutes: one release build, then a rehearsal,
# a drill and the report commands under callgrind.
set -euo pipefail
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
# then sends each key of $keys with a pause between, then quits.
screen() {
    local name=$1; shift
    tmux new-session -d -s "$session" -x 120 -y 40 \
        "${callgrind[*]} --callgrind-out-file=$work/$name.cg $work/pacer $* 2>$work/$name.log"
    wait_for "$ready"
    for key in $keys; do
        tmux send-keys -t "$session" "$key"
        sleep 2
    done
    tmux send-keys -t "$session" q
    sleep 1
    tmux send-keys -t "$session" y
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
ready=Question keys="Space Space 1 Space Space 3" screen drill drill "$work/talk.toml"
for command in check plan report history tune; do
    "${callgrind[@]}" --callgrind-out-file="$work/$command.cg" \
        "$work/pacer" "$command" "$work/talk.toml" >/dev/null 2>"$work/$command.log" || true
done

python3 scripts/hot_functions.py "$work/pacer.map" "$work"/{bundled,rehearsal}.cg -- \
    "$work/keys.cg" "$work/drill.cg" "$work"/{check,plan,report,history,tune}.cg \
    > link/hot-functions.txt
echo "hot-functions: wrote link/hot-functions.txt"
