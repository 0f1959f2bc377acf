# Sourced by ./run and ./test: make .venv with python3 and install the project when pyproject.toml changed.
# Usage: . scripts/bootstrap.sh [extras]
set -euo pipefail
AKHBAR_EXTRAS="${1:-}"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "• creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
spec="."
[ -n "$AKHBAR_EXTRAS" ] && spec=".[$AKHBAR_EXTRAS]"
stamp=".venv/.akhbar-installed-${AKHBAR_EXTRAS:-base}"
want="$(cat pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "• installing akhbar ($spec) into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
  echo "$want" > "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
