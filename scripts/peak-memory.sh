#!/usr/bin/env bash
# Peak memory of a rehearsal with the clock running at 120x40 (docs/rehearsal.md, "Peak
# memory"): starts the bundled talk in a tmux pane of that size, starts the clock with the
# first key, and reads the process's high-water mark (VmHWM) after a tick of it.
#
# usage: scripts/peak-memory.sh [BINARY] [RUNS]   (defaults: target/release/pacer, 5)
# Needs tmux. With SMAPS=1, also prints the resident kB of each mapping of the last run.
set -euo pipefail
binary=$(realpath "${1:-target/release/pacer}")
runs=${2:-5}
session="pacer-peak-$$"
data=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$data"' EXIT

wait_for() {
    for _ in $(seq 200); do
        tmux capture-pane -p -t "$session" | grep -q -- "$1" && return 0
        sleep 0.05
    done
    echo "peak-memory: the screen never showed '$1'" >&2
    exit 1
}

for run in $(seq "$runs"); do
    rm -rf "${data:?}"/*
    tmux new-session -d -s "$session" -x 120 -y 40 "XDG_DATA_HOME=$data $binary run"
    pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
    wait_for ready
    tmux send-keys -t "$session" Right
    wait_for "▸ 0:00 / 20:00"
    wait_for "▸ 0:01 / 20:00" # a tick of the running clock, drawn
    echo "run $run: $(awk '/^VmHWM/ {print $2, $3}' "/proc/$pid/status")"
    if [ -n "${SMAPS:-}" ] && [ "$run" = "$runs" ]; then
        awk '/^[0-9a-f]+-/ {n=$6 ? $6 : "[anonymous]"} /^Rss:/ {r[n]+=$2}
             END {for (k in r) if (r[k]) print "  " r[k], "kB", k}' "/proc/$pid/smaps" | sort -rn
    fi
    tmux kill-session -t "$session"
done
