// Secret-shaped values that are test data or documentation, not leaks, judged per blob the way
// code_context.h judges misuse evidence. Two classes seen in SDK histories: a signing secret in a
// unit test whose account is a fixture (ACaaaa…), which no account can use, and the secret in a
// documented sample API response (the serialized resource a docs snippet shows as its output).
#pragma once

#include <string_view>

namespace twilint::scan {

// True when every secret in this blob is test data or a documented sample: a test file whose
// Account SIDs are all fixtures, or a serialized Twilio API response in a samples folder.
bool is_test_data_blob(std::string_view path, std::string_view bytes);

}  // namespace twilint::scan
