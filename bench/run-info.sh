#!/usr/bin/env bash
# Sourced by the bench scripts: run_info prints the key=value lines that say when, at which commit and
# on what machine a run was made (its run.txt), for the reports to show beside the figures.
run_info() {
  local commit
  commit=$(git rev-parse --short HEAD)
  git diff --quiet HEAD -- src bench || commit="$commit (with uncommitted changes)"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$commit"
  echo "machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "uptime=$(uptime)"
}
