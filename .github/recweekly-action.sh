#!/usr/bin/env bash
# The command step of action.yml, kept in a file so it can be tested (tests/test_reuse.py) and
# linted like any script. Inputs arrive as environment variables, never spliced into the script.
#   COMMAND     check | publish
#   ARGS        extra arguments, split on whitespace
#   EVENT_NAME  github.event_name;  BEFORE: github.event.before (the commit before the push)
set -euo pipefail
read -r -a extra <<< "${ARGS:-}"
case "${COMMAND:-check}" in
  check)
    recweekly check "${extra[@]}"
    recweekly fill --check ;;
  publish)
    if [ "${EVENT_NAME:-}" = "push" ] && [ -n "${BEFORE:-}" ]; then
      recweekly publish --changed-since "$BEFORE" "${extra[@]}"
    else
      # run by hand, or no `before`: every post, re-read block by block (repairs edits made in Notion)
      recweekly publish --all --full-diff "${extra[@]}"
    fi ;;
  *)
    echo "::error::recweekly action: command must be check or publish, got '${COMMAND}'" >&2
    exit 2 ;;
esac
