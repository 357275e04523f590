#include "hooks/hook_script.h"

namespace twilint::hooks {
namespace {

// The script up to the baked-in path, and after it. POSIX sh only: the hook runs wherever git
// runs, including minimal containers with dash or busybox.
constexpr std::string_view kHead = R"HOOK(#!/bin/sh
# twilint-managed-hook v1
# Git pre-commit hook: blocks a commit whose staged changes add a Twilio credential.
# Installed by `twilint install-hook`; `twilint uninstall-hook` removes it and restores the hook
# it chained. A pre-commit hook that existed before is kept as pre-commit.twilint-chained in this
# directory and runs first: both run, and either one can block the commit.
# The twilint that runs: $TWILINT if set, else `twilint` on PATH, else this path:
TWILINT_INSTALLED_PATH=)HOOK";

constexpr std::string_view kTail = R"HOOK(

hook_dir=$(dirname -- "$0")
chained="$hook_dir/pre-commit.twilint-chained"
blocked=0

if [ -e "$chained" ] || [ -L "$chained" ]; then
	if [ -x "$chained" ]; then
		if ! "$chained" "$@"; then
			echo "twilint: the chained pre-commit hook ($chained) failed; the commit is blocked." >&2
			blocked=1
		fi
	else
		echo "twilint: warning: $chained is not executable, so it was not run (git would not run it either)." >&2
	fi
fi

if [ -n "${TWILINT:-}" ]; then
	twilint=$TWILINT
elif command -v twilint >/dev/null 2>&1; then
	twilint=twilint
else
	twilint=$TWILINT_INSTALLED_PATH
fi

if [ -z "$twilint" ]; then
	echo "twilint: commit blocked: twilint was not found (set TWILINT=/path/to/twilint or put twilint on PATH)." >&2
	blocked=1
else
	output=$("$twilint" staged --format text 2>&1)
	rc=$?
	case $rc in
	0) ;;
	1)
		printf '%s\n' "$output" >&2
		cat >&2 <<'EOF'

twilint: commit blocked: the staged changes add the secrets listed above.
  Fix: remove each secret from the file (read it from the environment or a secret store),
  stage the file again with `git add`, and rotate the credential if it was ever real.
  False positive? Put `twilint:allow` in a comment on that line, or `twilint:allow RULE_ID`
  to allow only that rule there.
EOF
		blocked=1
		;;
	*)
		printf '%s\n' "$output" >&2
		echo "twilint: commit blocked: twilint could not check the staged changes (exit $rc, see above)." >&2
		blocked=1
		;;
	esac
fi

if [ "$blocked" -ne 0 ]; then
	echo "To commit anyway, skipping this check: git commit --no-verify" >&2
	exit 1
fi
exit 0
)HOOK";

// Single-quoted for sh: nothing inside is expanded; an embedded ' is closed, escaped, reopened.
std::string sh_quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string hook_script(const std::string& twilint_path) {
  std::string script(kHead);
  script += sh_quote(twilint_path);
  script += kTail;
  return script;
}

bool is_twilint_hook(std::string_view content) {
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == kHookMarker) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace twilint::hooks
