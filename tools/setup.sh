# shellcheck shell=bash
# Sourced by ./play and ./run-tests: install whatever Debian packages are missing, non-interactively.
# Usage: oc_setup_packages pkg...   (returns non-zero, with the exact apt-get line, if it cannot install)

OC_BASE_PACKAGES=(
  build-essential cmake pkg-config
  libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libstb-dev libcjson-dev libsqlite3-dev libunistring-dev
  libespeak-ng-dev
  libcmocka-dev libfontconfig-dev fontconfig fonts-inter fonts-dejavu-core
  libmicrohttpd-dev libqrencode-dev
)
OC_TEST_PACKAGES=(xvfb xauth clang libclang-rt-14-dev imagemagick xdotool chromium nodejs)
# the room's browser test drives chromium with puppeteer-core from npm; a nodejs that already brings npm
# (NodeSource builds do) must not get Debian's npm package on top
command -v npm >/dev/null 2>&1 || OC_TEST_PACKAGES+=(npm)

oc_missing_packages() {
  local p missing=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  printf '%s\n' "${missing[@]}"
}

oc_setup_packages() {
  local missing
  mapfile -t missing < <(oc_missing_packages "$@")
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ -z "${missing[0]}" ] && return 0
  echo "setup: installing missing Debian packages: ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "setup: cannot install packages (not root, and sudo needs a password). Run:" >&2
      echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; then
    "${sudo[@]}" apt-get update -q >&2 || true
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2; then
      echo "setup: apt-get failed. Run:" >&2
      echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
}
