#!/bin/sh
# Installs the JSON-schema validator the SARIF schema test runs (ajv-cli with ajv-formats, from the
# npm registry) into ${TWILINT_TOOLS_DIR:-$HOME/.cache/twilint-test-tools}, outside the source tree.
# Idempotent: when the pinned versions are already there it returns at once without the network.
# Needs node and npm (Debian: apt-get install nodejs npm); installs them with apt-get when run as
# root and they are missing.
set -eu

tools_dir="${TWILINT_TOOLS_DIR:-$HOME/.cache/twilint-test-tools}"
# Pinned so every machine validates with the same code; bump both together.
ajv_cli_version="5.0.0"
ajv_formats_version="2.1.1"
stamp="$tools_dir/.installed-ajv-cli-$ajv_cli_version-ajv-formats-$ajv_formats_version"

if [ -f "$stamp" ] && [ -x "$tools_dir/node_modules/.bin/ajv" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "install_test_tools: installing nodejs and npm with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "install_test_tools: node and npm are needed (apt-get install nodejs npm)" >&2
    exit 1
  fi
fi

mkdir -p "$tools_dir"
# A private package.json keeps npm from walking up into some other project.
if [ ! -f "$tools_dir/package.json" ]; then
  printf '{"name":"twilint-test-tools","private":true}\n' >"$tools_dir/package.json"
fi
echo "install_test_tools: installing ajv-cli@$ajv_cli_version ajv-formats@$ajv_formats_version into $tools_dir" >&2
npm install --prefix "$tools_dir" --no-audit --no-fund --loglevel=error --save-exact \
  "ajv-cli@$ajv_cli_version" "ajv-formats@$ajv_formats_version" >&2
rm -f "$tools_dir"/.installed-ajv-cli-*
touch "$stamp"
