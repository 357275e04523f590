#include "scan/test_data.h"

#include <array>
#include <string>

#include <re2/re2.h>

#include "match/validators.h"
#include "util/text.h"

namespace twilint::scan {
namespace {

bool has_segment(const std::string& padded_path, std::string_view segment) {
  return padded_path.find("/" + std::string(segment) + "/") != std::string::npos;
}

// Test sources by the conventions of the languages Twilio's SDKs are written in.
bool is_test_path(std::string_view path) {
  std::string padded = "/" + util::to_lower(path);
  for (std::string_view segment : {"test", "tests", "spec", "specs", "__tests__", "testing"}) {
    if (has_segment(padded, segment)) return true;
  }
  std::string_view name = path.substr(path.rfind('/') + 1);  // npos + 1 == 0: the whole path
  static const RE2 kTestName(R"((?:^test_.*|_test\.\w+|_spec\.\w+|\.(?:spec|test)\.\w+|[a-z0-9]Tests?\.(?:java|cs|kt|php|swift))$)");
  return RE2::PartialMatch(name, kTestName);
}

// At least one Account SID, and every one a fixture (ACaaaa…, AC0000…, AC1234…).
bool only_fixture_accounts(std::string_view bytes) {
  static const RE2 kAccountSid(R"(\bAC([0-9a-fA-F]{32})\b)");
  re2::StringPiece rest(bytes.data(), bytes.size()), hex;
  bool any = false;
  while (RE2::FindAndConsume(&rest, kAccountSid, &hex)) {
    if (!match::looks_like_placeholder(std::string_view(hex.data(), hex.size()))) return false;
    any = true;
  }
  return any;
}

// A serialized Twilio resource (XML <TwilioResponse>, or JSON with its sid and date_created) in a
// folder of sample outputs: what a docs snippet prints, not a file anyone runs.
bool is_sample_response(const std::string& path, std::string_view bytes) {
  std::string padded = "/" + path;
  static constexpr std::array<std::string_view, 9> kSampleFolders = {
      "output", "outputs", "response", "responses", "sample-responses", "fixtures", "__fixtures__", "mocks", "testdata"};
  bool in_samples = false;
  for (std::string_view folder : kSampleFolders) in_samples = in_samples || has_segment(padded, folder);
  if (!in_samples) return false;
  std::string_view head = bytes.substr(0, 512);
  if (util::ends_with(path, ".xml")) return head.find("<TwilioResponse>") != std::string_view::npos;
  if (util::ends_with(path, ".json")) {
    static const RE2 kResource(R"((?s)^\s*[\[{].*"sid"\s*:.*"date_?[cC]reated"\s*:)");
    return RE2::PartialMatch(bytes.substr(0, 64 * 1024), kResource);
  }
  return false;
}

}  // namespace

bool is_test_data_blob(std::string_view path, std::string_view bytes) {
  return (is_test_path(path) && only_fixture_accounts(bytes)) || is_sample_response(util::to_lower(path), bytes);
}

}  // namespace twilint::scan
