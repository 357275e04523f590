#include "cli/parse_error.h"

#include <sstream>
#include <vector>

#include "util/suggest.h"

namespace twilint::cli {
namespace {

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

const CLI::App* subcommand_named(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : subcommands_of(app)) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

// Every spelling of every option of `app` and of the commands above it ("--fail-on", "-c").
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* a = &app; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options([](const CLI::Option*) { return true; })) {
      for (const std::string& l : o->get_lnames()) names.push_back("--" + l);
      for (const std::string& s : o->get_snames()) names.push_back("-" + s);
    }
  }
  return names;
}

// The words CLI11 names after "...not expected: " in an ExtrasError.
std::vector<std::string> unexpected_words(const std::string& message) {
  std::vector<std::string> words;
  size_t colon = message.find(": ");
  if (colon == std::string::npos) return words;
  std::istringstream in(message.substr(colon + 2));
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// " (did you mean '--fail-on'?)" for the first unexpected option with a near miss, else "".
std::string option_hint(const CLI::App& command, const std::string& message) {
  const std::vector<std::string> known = option_names(command);
  for (const std::string& word : unexpected_words(message)) {
    if (word.size() < 2 || word[0] != '-') continue;
    std::string hint = util::did_you_mean(word.substr(0, word.find('=')), known);
    if (!hint.empty()) return hint;
  }
  return "";
}

}  // namespace

std::string describe_parse_error(const CLI::App& app, int argc, const char* const* argv, const CLI::ParseError& e) {
  // Follow the words that name subcommands; the first other bare word where a subcommand was
  // expected is the mistyped one. Option values are never subcommand names of the command that
  // takes them, so they only stop the walk.
  const CLI::App* command = &app;
  std::string chain = "twilint";
  std::string stray;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word == "--") break;
    if (word.size() > 1 && word[0] == '-') continue;
    if (const CLI::App* sub = subcommand_named(*command, word)) {
      command = sub;
      chain += " " + word;
    } else if (stray.empty() && !subcommands_of(*command).empty()) {
      stray = word;
    }
  }
  std::string what = e.what();
  if (!stray.empty()) {
    std::vector<std::string> names;
    for (const CLI::App* sub : subcommands_of(*command)) names.push_back(sub->get_name());
    what = "unknown command '" + stray + "'" + util::did_you_mean(stray, names);
  } else if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    what += option_hint(*command, what);
  }
  return what + " (see '" + chain + " --help')";
}

}  // namespace twilint::cli
