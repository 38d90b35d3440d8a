// Chinese names as the lists carry them: Henan's surname frequencies, given names by sex, the
// parents' generation, minority names with a middle dot, and the ways clerks mistype them
// (traditional characters, homophones).
#pragma once

#include <string>

#include "demo/rng.h"

namespace baoxue::demo {

std::string child_name(Rng& rng, bool male, const std::string& surname);
std::string surname(Rng& rng);
std::string adult_name(Rng& rng, bool male, const std::string& surname);
std::string minority_name(Rng& rng, bool male);  // 维吾尔族 names, "阿卜杜·热合曼" form
// A twin's name: the same surname and generation character, another last character.
std::string twin_name(Rng& rng, const std::string& sibling, bool male);

// Typing variants. Each returns the name unchanged when it has no character to vary.
std::string traditional_variant(const std::string& name);  // 刘 → 劉 (every mapped character)
std::string homophone_variant(Rng& rng, const std::string& name);  // one character, 张 → 章
std::string spaced_variant(const std::string& name);  // "张 三": a space after the surname

}  // namespace baoxue::demo
