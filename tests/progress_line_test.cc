// The history progress line: labelled, a percentage once the total is known, and a time-left
// estimate (a lower bound while the walk is still finding blobs), never "?".
#include <gtest/gtest.h>

#include "report/progress_line.h"

namespace twilint::report {
using model::ProgressSnapshot;
namespace {

TEST(ProgressLine, EstimatesTimeLeftOnceTheTotalIsKnown) {
  ProgressSnapshot p{250, 1000, true, 48'000'000, 10.0};
  EXPECT_EQ(progress_line(p), "twilint history: 250/1000 blobs (25%), 4.8 MB/s, about 30s left");
  p.seconds = 40;
  EXPECT_EQ(progress_line(p), "twilint history: 250/1000 blobs (25%), 1.2 MB/s, about 2m00s left");
}

TEST(ProgressLine, WhileTheWalkRunsTheEstimateIsALowerBound) {
  ProgressSnapshot p{100, 400, false, 1'000'000, 2.0};
  EXPECT_EQ(progress_line(p), "twilint history: 100/400+ blobs, 0.5 MB/s, at least 6s left");
}

TEST(ProgressLine, NoRateYetSaysItIsEstimating) {
  EXPECT_EQ(progress_line(ProgressSnapshot{0, 12, false, 0, 0.0}), "twilint history: 0/12+ blobs, estimating time left");
  ProgressSnapshot hours{1, 10000, true, 100, 3.0};
  EXPECT_EQ(progress_line(hours), "twilint history: 1/10000 blobs (0%), 0.0 MB/s, about 8h19m left");
}

}  // namespace
}  // namespace twilint::report
