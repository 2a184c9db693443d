#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -u
top=${1:-.}
cd "$top" || exit 1
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort -u)

for file in $(grep -rlE '(^|[^a-zA-Z_])N?_\("|translatable="yes"' app ui data 2>/dev/null | sort -u); do
  case $file in
    *.c|*.ui|*.in|*.xml) ;;
    *) continue ;;
  esac
  if ! printf '%s\n' "$listed" | grep -qxF "$file"; then
    echo "po/POTFILES.in: missing $file"
    status=1
  fi
done

for file in $listed; do
  if [ ! -e "$file" ]; then
    echo "po/POTFILES.in: $file does not exist"
    status=1
  fi
done

[ $status -eq 0 ] && echo "po/POTFILES.in lists every file with translatable strings"
exit $status
