// Chinese-aware name normalisation for record linkage.
//
// The same child appears in the household register (户籍), the student register (学籍) and
// township lists typed by different people on different systems: traditional vs simplified
// characters, full-width letters, spaces typed between surname and given name, and a dozen
// look-alike "middle dots" in Uyghur, Tibetan and other minority names. Matching needs those
// differences gone, while the display form must still look like the name.
//
// All functions take and return UTF-8, never throw, and turn ill-formed bytes into U+FFFD.
// Everything is a table lookup at runtime (the tables are generated at build time from ICU and
// OpenCC), so a million names normalise in well under a second.

#ifndef BAOXUE_TEXT_NAME_H_
#define BAOXUE_TEXT_NAME_H_

#include <string>
#include <string_view>
#include <vector>

namespace baoxue::text {

// Canonical display form:
//  - all whitespace removed (ASCII, NBSP, ideographic space U+3000, U+2000-U+200B, BOM ...),
//    because registers disagree on whether to separate surname and given name;
//  - full-width ASCII (U+FF01-U+FF5E) folded to ASCII; letter case is kept;
//  - every middle-dot look-alike (· • ‧ ∙ ⋅ ・ ･ ． and '.') becomes U+00B7, runs of dots
//    collapse to one, and leading/trailing dots are dropped;
//  - traditional characters become simplified, one character at a time (劉 -> 刘).
std::string normalize_name(std::string_view name);

// Exact-match key: normalize_name without the middle dot and with ASCII lower-cased, so that
// "阿卜杜·热合曼", "阿卜杜 热合曼" and "阿卜杜热合曼" share a key.
std::string name_key(std::string_view name);

// Toneless pinyin of name_key, syllables concatenated in lower case, ü written "v"
// ("張三" -> "zhangsan", "吕" -> "lv"). Homophones collide on purpose (张/章), since a clerk
// typing from a spoken name picks either. The first character takes its surname reading
// (单 shan, 曾 zeng, 解 xie, 朴 piao, 尉迟 yuchi ...). ASCII letters are kept lower-cased;
// digits, punctuation and characters without a known reading are dropped.
std::string pinyin_key(std::string_view name);

// The syllables of pinyin_key, one per character that has a reading; a run of ASCII letters
// counts as one syllable.
std::vector<std::string> pinyin_syllables(std::string_view name);

// First letter of each syllable: "张三" -> "zs", "张晓明" -> "zxm". Useful as a blocking key.
std::string pinyin_initials(std::string_view name);

// True if any code point is a CJK unified or compatibility ideograph (any extension block).
bool contains_han(std::string_view text);

// Levenshtein distance counted in code points, so one wrong Chinese character costs 1, not 3.
int edit_distance_cp(std::string_view a, std::string_view b);

// Jaro-Winkler similarity over code points, in [0, 1]; 1 means identical. Standard parameters
// (prefix scale 0.1, prefix up to 4), which rewards the shared surname at the front.
double jaro_winkler(std::string_view a, std::string_view b);

}  // namespace baoxue::text

#endif  // BAOXUE_TEXT_NAME_H_
