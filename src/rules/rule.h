// A compiled rule: everything the matcher and the scan stage need, loaded from a rule file.
// See docs/rules.md for the TOML schema.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "model/severity.h"
#include "rules/pattern_shape.h"
#include "util/glob.h"

namespace twilint::rules {

// A pattern's compiled regexes. `near`/`not_near` are null when the pattern has none.
struct CompiledPattern {
  std::unique_ptr<RE2> regex;
  std::unique_ptr<RE2> near;
  std::unique_ptr<RE2> not_near;
  int secret_group = 0;  // capture group index of the secret; 0 = the whole match
  // The pattern began with \b, compiled without it so RE2 can skip ahead to its literal prefix
  // (8x faster on source text); the caller checks the word boundary at each match's start.
  bool boundary_first = false;
};

// One alternative of a rule's pattern. A match counts only when `near` (if set) matches within
// `near_window` bytes on either side of it and `not_near` (if set) does not.
//
// The regexes are compiled on first use, not at load: compiling all of the shipped pack takes
// longer than a whole pre-commit run needs, and most rules never get past the keyword prefilter.
// Sources from the shipped pack were compiled and checked at build time; a user's rule file is
// compiled and checked by the loader, which then hands the result over with adopt().
class Pattern {
 public:
  std::string source;
  std::optional<std::string> near_source;
  std::optional<std::string> not_near_source;
  int near_window = 300;
  // Lowercase literals; when set, this pattern runs only if one of them occurs as well as one of
  // the rule's keywords, so a rule whose patterns need different words does not run them all.
  std::vector<std::string> keywords;
  // What every match of the regex looks like (required literals, a length bound), so the matcher
  // can run it in windows around those literals; analysed when the rule file is loaded.
  PatternShape shape;

  // Compiles on the first call (thread-safe; later calls only read). Never null regex; one that
  // failed to compile matches nothing.
  const CompiledPattern& compiled() const;
  // Uses `c` as the compiled form (only before the first compiled() call).
  void adopt(CompiledPattern c);

 private:
  std::unique_ptr<std::once_flag> once_ = std::make_unique<std::once_flag>();
  mutable std::unique_ptr<CompiledPattern> compiled_;
};

// A regex compiled on first use (thread-safe; later calls only read), with the options every rule
// regex gets. One that failed to compile matches nothing; the loader reports it at load.
class LazyRegex {
 public:
  std::string source;

  const RE2& get() const;

 private:
  std::unique_ptr<std::once_flag> once_ = std::make_unique<std::once_flag>();
  mutable std::unique_ptr<RE2> compiled_;
};

// Evidence in the blob that makes a rule's finding advice rather than a defect: the finding's
// severity becomes `severity` when `when` matches somewhere in the blob and `unless` (if set)
// matches nowhere in it. Example: an API-key client without the account SID works for APIs whose
// URLs carry none (Video, Verify, ...), so in a file using only those it is advice.
struct Advice {
  model::Severity severity = model::Severity::kLow;
  LazyRegex when;
  std::optional<LazyRegex> unless;
  std::string reason;  // appended to the finding's message: why it is only advice
};

// Validators applied to the secret group of a match.
struct Validators {
  double min_entropy = 0.0;     // Shannon bits per character; 0 = off
  bool reject_placeholders = false;  // repeated/sequential characters, fixtures, XXXX, your_...
  bool mixed_alnum = false;     // require upper, lower and digit (API key secrets)
  std::string decoder;          // "" or "twilio-jwt"
};

// How `--verify` checks a rule's secret (TOML `verify`); kNone: it is not checked.
enum class VerifyMethod {
  kNone,
  kTwilioAuthToken,  // "twilio-auth-token": an Auth Token (or its base64 basic-auth forms)
  kTwilioApiKey,     // "twilio-api-key": an API key secret (SK… partner)
  kTwilioBasicAuth,  // "twilio-basic-auth": the password of a user:password pair; the user half says which
  kSendgrid,         // "sendgrid": a SendGrid API key
  kTwilioOAuth,      // "twilio-oauth": a Twilio OAuth app client secret (OQ… partner)
};

// The TOML names, and the method of one (nullopt for an unknown name).
std::string_view verify_method_name(VerifyMethod method);
std::optional<VerifyMethod> parse_verify_method(std::string_view name);

// Path filters. A glob that starts with '@' names a path set the config defines
// ("@production", "@client"); it is resolved by the scan stage.
struct PathFilter {
  std::vector<std::string> include;  // empty = every path
  std::vector<std::string> exclude;
};

// An example text a rule must (or must not) find. `path` is the pretended file path (so
// path-gated rules can be exercised); defaults to "example.txt".
struct Example {
  std::string path;
  std::string text;
  int line = 0;  // line in the rule file, for `rules check` messages
};

struct Rule {
  std::string id;
  std::string title;
  model::RuleKind kind = model::RuleKind::kSecret;
  model::Severity severity = model::Severity::kInfo;
  std::vector<Pattern> patterns;
  std::vector<std::string> keywords;  // lowercase literals; empty = always run stage 2
  Validators validators;
  PathFilter paths;
  std::optional<Advice> advice;
  int priority = 0;  // when spans of several rules overlap, the highest priority is reported
  std::vector<std::string> pairs_with;  // rule ids whose presence in the same blob makes a complete pair
  VerifyMethod verify = VerifyMethod::kNone;  // what --verify asks, and what the offline proof may use
  std::string fix;       // one-line fix for text output
  std::string guidance;  // full guidance (markdown)
  std::vector<std::string> references;
  std::vector<Example> examples;
  std::vector<Example> negative_examples;
  std::string file;  // rule file it came from
  int line = 0;      // line of its [[rules]] table
};

// All rules in load order. Rules are not copyable (they own compiled regexes).
struct RuleSet {
  std::vector<Rule> rules;
  std::string digest;  // sha256 of all rule sources, for cache keys

  const Rule* find(std::string_view id) const;
  int index_of(std::string_view id) const;  // -1 when absent
  std::vector<std::string> ids() const;     // in load order
};

}  // namespace twilint::rules
