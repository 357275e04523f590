// The history walk checkpoint (source/history_checkpoint.h) as bytes, for the history cache to
// store. A length-prefixed binary format rather than JSON: paths in git are bytes, not always
// UTF-8, and must come back exactly as they went in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "source/history_checkpoint.h"

namespace twilint::app {

std::string encode_checkpoint(const source::HistoryCheckpoint& checkpoint);

// nullopt unless `bytes` is exactly what encode_checkpoint writes: the right format tag, every
// length within bounds, whole 20-byte ids in the seen sets, a 32-byte digest, 40-hex blob ids and
// commit indexes that exist.
std::optional<source::HistoryCheckpoint> decode_checkpoint(std::string_view bytes);

}  // namespace twilint::app
