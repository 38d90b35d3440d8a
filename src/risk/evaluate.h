// How well a score ranks the pupils who went on to drop out, and the simple rule it is measured
// against. `scores[i]` belongs to the pupil whose outcome is `outcomes[i]` (true: dropped out).
#pragma once

#include <vector>

#include "risk/features.h"

namespace baoxue::risk {

// Area under the ROC curve: the chance that a random pupil who dropped out scores above a random
// one who did not, a tie counting one half (Mann–Whitney with mid-ranks). NaN when undefined: the
// sizes differ, or there is no pupil of one outcome.
double auc(const std::vector<double>& scores, const std::vector<bool>& outcomes);

// The share of the pupils who dropped out found among the top `fraction` (0 < fraction ≤ 1) of
// pupils by score, k = ⌈fraction × n⌉ of them. Pupils tied at the cut share the places left in
// proportion, i.e. the expected recall when ties are broken at random. NaN when undefined: sizes
// differ, fraction out of range, or no pupil dropped out.
double recall_at(const std::vector<double>& scores, const std::vector<bool>& outcomes,
                 double fraction);

// The baseline an early-warning list is compared with, the common "ABC"-style rule: attendance
// this year below 90%, or a member of any key group.
bool abc_flag(const Features& features);

}  // namespace baoxue::risk
