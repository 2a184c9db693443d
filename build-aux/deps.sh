#!/usr/bin/env bash
# Installs the Debian 12 packages Leadwright needs to build, run and test,
# when they are missing: with apt-get when root, otherwise it prints the
# exact command and stops.
#
#   build-aux/deps.sh run    what building and running needs
#   build-aux/deps.sh test   that, plus what the tests need
set -euo pipefail

run_packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libsqlite3-dev
  libgtk-4-dev libadwaita-1-dev libnotify-dev
  desktop-file-utils appstream libxml2-utils
)
test_packages=(
  xvfb xauth dbus dbus-x11 at-spi2-core sqlite3 locales
)

packages=("${run_packages[@]}")
if [ "${1:-run}" = test ]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

command=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  "${command[@]}" >/dev/null
else
  echo "Leadwright needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo ${command[*]}" >&2
  exit 1
fi
