# Sourced by ./test and .ci/run: install a Debian package for a command that is missing, when we can.
# Usage: ensure_command COMMAND PACKAGE "what needs it"   (returns 1 when the command is still missing)
have_command() {
  command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ]
}
ensure_command() {
  local command="$1" package="$2" purpose="$3"
  have_command "$command" && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "• installing Debian's $package for $purpose"
    if [ -z "${AKHBAR_APT_UPDATED:-}" ]; then
      apt-get update -qq >/dev/null 2>&1 || true
      export AKHBAR_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1 || true
  fi
  have_command "$command" && return 0
  cat >&2 <<MSG

!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!! $command is missing, so $purpose will be SKIPPED.
!! Install it as root with:  apt-get update && apt-get install -y $package
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!

MSG
  return 1
}
