#include "fix/misuse_rewrite.h"

#include <regex>
#include <string>

#include "fix/call_args.h"
#include "fix/env_lookup.h"
#include "util/text.h"

namespace twilint::fix {
namespace {

constexpr std::string_view kAccountSidRule = "twilio-api-key-without-account-sid";
constexpr std::string_view kTtlRule = "twilio-access-token-ttl-too-long";
constexpr std::string_view kV2010Rule = "twilio-v2010-restricted-key";

Rewrite fixed_by(std::vector<Edit> edits, size_t finding, bool needs_os = false) {
  Rewrite r;
  r.edits = std::move(edits);
  r.fixed.push_back(finding);
  r.needs_os_import = needs_os;
  return r;
}

Rewrite not_fixed(size_t finding, std::string reason) {
  Rewrite r;
  r.unfixed.push_back({finding, std::move(reason)});
  return r;
}

std::string indent_of_line(std::string_view content, size_t offset) {
  size_t b = offset == 0 ? 0 : content.rfind('\n', offset - 1);
  b = b == std::string_view::npos || offset == 0 ? 0 : b + 1;
  size_t e = b;
  while (e < content.size() && (content[e] == ' ' || content[e] == '\t')) ++e;
  return std::string(content.substr(b, e - b));
}

bool starts_its_line(std::string_view content, size_t offset) {
  size_t i = offset;
  while (i > 0 && (content[i - 1] == ' ' || content[i - 1] == '\t')) --i;
  return i == 0 || content[i - 1] == '\n';
}

// Inserts `expr` as a new argument right after `arg`, keeping the call's layout: one argument per
// line stays so (with the trailing comma when the call has one).
Edit insert_after(std::string_view content, const ArgSpan& arg, const std::string& expr) {
  std::string nl(newline_of(content));
  size_t after = arg.end;
  while (after < content.size() && (content[after] == ' ' || content[after] == '\t')) ++after;
  bool comma = after < content.size() && content[after] == ',';
  size_t past = comma ? after + 1 : after;
  while (past < content.size() && (content[past] == ' ' || content[past] == '\t')) ++past;
  bool line_ends = past < content.size() && (content[past] == '\n' || content[past] == '\r');
  if (line_ends && comma) return Edit{after + 1, after + 1, nl + indent_of_line(content, arg.begin) + expr + ","};
  if (line_ends && starts_its_line(content, arg.begin)) {
    return Edit{arg.end, arg.end, "," + nl + indent_of_line(content, arg.begin) + expr};
  }
  if (comma) return Edit{after + 1, after + 1, " " + expr + ","};
  return Edit{arg.end, arg.end, ", " + expr};
}

bool is_keyword_arg(std::string_view content, const ArgSpan& a) {
  static const std::regex kKeyword(R"(^\s*\w+\s*=[^=])");
  return std::regex_search(std::string(content.substr(a.begin, a.end - a.begin)), kKeyword);
}

Rewrite go_client_params(std::string_view content, size_t end, size_t finding) {
  size_t open = skip_blanks(content, end);
  std::optional<ArgList> fields = open < content.size() && content[open] == '{' ? parse_args(content, open) : std::nullopt;
  if (!fields || fields->args.empty()) return not_fixed(finding, "could not read the ClientParams literal");
  std::string field = "AccountSid: os.Getenv(\"" + std::string(kAccountSidVar) + "\")";
  if (starts_its_line(content, fields->close)) {
    size_t line = fields->close;
    while (line > 0 && content[line - 1] != '\n') --line;
    std::string nl(newline_of(content));
    return fixed_by({{line, line, indent_of_line(content, fields->args.back().begin) + field + "," + nl}}, finding, true);
  }
  return fixed_by({insert_after(content, fields->args.back(), field)}, finding, true);
}

Rewrite java_builder(std::string_view content, size_t end, size_t finding) {
  size_t open = skip_blanks(content, end);
  std::optional<ArgList> args = open < content.size() && content[open] == '(' ? parse_args(content, open) : std::nullopt;
  if (!args) return not_fixed(finding, "could not read the Builder call");
  static const std::regex kBuild(R"(\.\s*build\s*\(\s*\))");
  std::string rest(content.substr(args->close, 2000));
  std::smatch m;
  if (!std::regex_search(rest, m, kBuild)) return not_fixed(finding, "no .build() after the Builder");
  size_t at = args->close + static_cast<size_t>(m.position(0));
  return fixed_by({{at, at, ".accountSid(System.getenv(\"" + std::string(kAccountSidVar) + "\"))"}}, finding);
}

Rewrite account_sid(std::string_view content, Language language, size_t begin, size_t end, size_t finding) {
  std::string_view construct = content.substr(begin, end - begin);
  if (language == Language::kGo || construct == "ClientParams") return go_client_params(content, end, finding);
  if (language == Language::kJava && construct.find("Builder") != std::string_view::npos) {
    return java_builder(content, end, finding);
  }
  std::optional<std::string> sid = env_lookup(language, kAccountSidVar);
  if (!sid) return not_fixed(finding, "no rewrite for " + std::string(language_name(language)));
  size_t open = skip_blanks(content, end);
  if (language == Language::kRuby && (open >= content.size() || content[open] != '(')) {
    size_t eol = content.find('\n', end);
    if (eol == std::string_view::npos) eol = content.size();
    if (eol > end && content[eol - 1] == '\r') --eol;
    return fixed_by({{eol, eol, ", " + *sid}}, finding);
  }
  std::optional<ArgList> args = open < content.size() && content[open] == '(' ? parse_args(content, open) : std::nullopt;
  if (!args || args->args.size() < 2) return not_fixed(finding, "could not read the call's arguments");
  bool python = language == Language::kPython;
  bool node = language == Language::kJavaScript || language == Language::kTypeScript;
  if (node) {
    std::string option = "accountSid: " + *sid;
    if (args->args.size() == 2) return fixed_by({insert_after(content, args->args[1], "{ " + option + " }")}, finding);
    const ArgSpan& third = args->args[2];
    if (content[third.begin] != '{') return not_fixed(finding, "the third argument is not an options object");
    bool empty = skip_blanks(content, third.begin + 1) == third.end - 1;
    return fixed_by({{third.begin + 1, third.begin + 1, empty ? " " + option + " " : " " + option + ","}}, finding);
  }
  if (python && (is_keyword_arg(content, args->args[0]) || is_keyword_arg(content, args->args[1]))) {
    return fixed_by({insert_after(content, args->args.back(), "account_sid=" + *sid)}, finding, true);
  }
  if (!python && args->args.size() != 2) return not_fixed(finding, "the call has more than two arguments");
  return fixed_by({insert_after(content, args->args[1], *sid)}, finding, python || language == Language::kCSharp);
}

Rewrite ttl(std::string_view content, size_t begin, size_t end, size_t finding) {
  std::string_view value = content.substr(begin, end - begin);
  if (util::starts_with(value, "DateTime")) {
    size_t add = value.rfind(".Add");
    if (add == std::string_view::npos) return not_fixed(finding, "could not read the expiration");
    return fixed_by({{begin + add, end, ".AddSeconds(86400)"}}, finding);
  }
  return fixed_by({{begin, end, "86400"}}, finding);
}

// client.new_keys.create(…) / client.api.v2010.account.newKeys.create({…}) -> the v1 IAM call.
Rewrite v2010(std::string_view content, Language language, size_t begin, size_t finding) {
  bool python = language == Language::kPython;
  if (!python && language != Language::kJavaScript && language != Language::kTypeScript) {
    return not_fixed(finding, "no mechanical v1 IAM rewrite for " + std::string(language_name(language)));
  }
  static const std::regex kCall(R"(((?:[A-Za-z_$][\w$]*\.)+?)((?:api\.)?(?:v2010\.)?(?:account\.|accounts\([^()]*\)\.)?)(new_keys|newKeys|keys)\s*\.\s*create\s*\()");
  size_t from = begin > 3000 ? begin - 3000 : 0;
  std::string window(content.substr(from, begin - from));
  std::optional<std::smatch> last;
  for (auto it = std::sregex_iterator(window.begin(), window.end(), kCall); it != std::sregex_iterator(); ++it) last = *it;
  if (!last) return not_fixed(finding, "not an SDK key call: send the request to https://iam.twilio.com/v1/Keys instead");
  size_t call = from + static_cast<size_t>(last->position(0));
  size_t open = call + static_cast<size_t>(last->length(0)) - 1;
  std::optional<ArgList> args = parse_args(content, open);
  if (!args || args->close < begin) return not_fixed(finding, "could not read the create call");
  std::string receiver = (*last)[1].str();
  std::string body(content.substr(args->open + 1, args->close - args->open - 1));
  std::vector<Edit> edits;
  size_t name_end = call + (*last)[1].length() + (*last)[2].length() + (*last)[3].length();
  edits.push_back({call, name_end, receiver + (python ? "iam.v1.new_api_key" : "iam.v1.newApiKey")});
  std::string sid = *env_lookup(language, kAccountSidVar);
  if (python && body.find("account_sid") == std::string::npos) {
    bool no_args = args->args.empty();
    edits.push_back({open + 1, open + 1, "account_sid=" + sid + (no_args ? "" : ", ")});
  } else if (!python && body.find("accountSid") == std::string::npos) {
    if (args->args.empty() || content[args->args[0].begin] != '{') {
      return not_fixed(finding, "the create call does not take an options object literal");
    }
    size_t brace = args->args[0].begin;
    edits.push_back({brace + 1, brace + 1, " accountSid: " + sid + ","});
  }
  return fixed_by(std::move(edits), finding, python);
}

}  // namespace

bool is_mechanical_misuse(std::string_view rule_id) {
  return rule_id == kAccountSidRule || rule_id == kTtlRule || rule_id == kV2010Rule;
}

Rewrite rewrite_misuse(std::string_view content, Language language, std::string_view rule_id, size_t begin,
                       size_t end, size_t finding) {
  if (rule_id == kAccountSidRule) {
    Rewrite r = account_sid(content, language, begin, end, finding);
    if (!r.edits.empty()) r.env_vars.insert(std::string(kAccountSidVar));
    return r;
  }
  if (rule_id == kTtlRule) return ttl(content, begin, end, finding);
  if (rule_id == kV2010Rule) {
    Rewrite r = v2010(content, language, begin, finding);
    if (!r.edits.empty()) r.env_vars.insert(std::string(kAccountSidVar));
    return r;
  }
  return not_fixed(finding, "no mechanical fix");
}

}  // namespace twilint::fix
