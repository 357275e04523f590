// One scan mode end to end: open the source (and, for history, the incremental cache), scan,
// verify when asked, render the report, deliver it, and say how it went.
#pragma once

#include <string_view>

#include "app/settings.h"
#include "model/progress.h"

namespace twilint::app {

// Where a run's text goes. The command line gives standard output and standard error; a test can
// keep the text.
class Console {
 public:
  virtual ~Console() = default;
  // The report, when it goes to standard output (--output writes its file itself).
  virtual void report(std::string_view text) = 0;
  // One line for the user (a warning, an error, a summary), without the "twilint: " prefix.
  virtual void line(std::string_view text) = 0;
  // How far a history scan has come (Settings::progress only), from a thread of the scan's own;
  // once more with `finished` set at the end.
  virtual void progress(const model::ProgressSnapshot& snapshot) { (void)snapshot; }
};

enum class Outcome {
  kClean,        // nothing at or above --fail-on
  kFindings,     // findings at or above --fail-on
  kIncomplete,   // something the user named could not be read; the report says what
  kInterrupted,  // the user interrupted; no report was written
  kFailed,       // the run could not start or its report could not be written (the lines say why)
};

Outcome run(const Settings& settings, Console& console);

}  // namespace twilint::app
