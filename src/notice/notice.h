// Official notices of persuade-to-return (劝返复学) work, as PDF: the 劝返通知书 a school or
// township gives the guardian, and the 限期返校通知书 the township people's government issues when
// persuasion has failed (义务教育法 第五十八条: 批评教育、责令限期改正 — an administrative order,
// not a fine).
//
// The wording is data (data/notices/<kind>.txt, compiled in): a county's legal office reads and
// corrects the text without reading C++. compose() fills a template with one child's facts into a
// Document (blocks of text with their alignment); render_pdf() sets it on A4 with Cairo and Pango.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace baoxue::notice {

// The facts one notice states. Dates are "YYYY-MM-DD" and are printed as 2026年12月20日.
struct NoticeFacts {
  std::string kind;         // return_notice | deadline_notice
  std::string number;       // e.g. 孟津劝返〔2026〕第0003号 (made by the caller)
  std::string county_name;  // 孟津区
  std::string issuer;  // the issuing unit: 横水镇人民政府 / 孟津区教育局 / a school
  std::string child_name, child_sex, child_birth_date, child_id_masked;
  std::string guardian_name, address;
  std::string school_name, grade_text;      // the school to return to, 七年级
  std::string out_since;                    // the day he was confirmed out of school (may be empty)
  std::string deadline;                     // return by
  std::string issue_date;                   // the notice's date
  std::string contact_name, contact_phone;  // whom the family contacts
};

enum class Align { kLeft, kCenter, kRight };
enum class Style { kTitle, kHeading, kBody };

struct Block {
  enum class Kind {
    kText,     // a paragraph or a single line
    kCutLine,  // a dashed line across the page (text: the words printed in its middle)
    kSpace,    // one empty body line
  };
  Kind kind = Kind::kText;
  Style style = Style::kBody;
  Align align = Align::kLeft;
  bool indent = false;  // first line indented two characters, as Chinese official text is
  std::string text;
};

// A notice ready to be set: its blocks in reading order. The receipt (回执) is the part after the
// cut line; the renderer keeps it on one page.
struct Document {
  std::string kind;    // return_notice | deadline_notice (empty for a caller's own template)
  std::string title;   // 限期返校通知书 — also the PDF's title
  std::string number;  // for the PDF's metadata
  std::string issuer;  // for the PDF's metadata (author)
  std::vector<Block> blocks;
};

// The kinds of notice shipped, in a stable order: return_notice, deadline_notice.
std::vector<std::string> notice_kinds();
// The Chinese name of a kind (the title of its template): 劝返通知书; empty for an unknown kind.
std::string notice_kind_name(std::string_view kind);

// The notice of facts.kind filled with the facts. Errors:
//   notice_kind_unknown      the kind is not one of notice_kinds()
//   notice_fact_missing      the template needs a fact that is empty ("限期返校通知书需要返校期限")
//   notice_date_invalid      a date is not a real YYYY-MM-DD
//   notice_deadline_before_issue  the deadline is before the issue date
//   notice_template_*        the template itself is wrong (see compose_with)
Result<Document> compose(const NoticeFacts& facts);

// The same with a template given as text, in the format of data/notices/*.txt (described at the
// top of those files). Every placeholder is checked before any fact is: an unknown {name} is
// notice_template_placeholder_unknown, a bad @directive or an unbalanced [ ] is
// notice_template_invalid — never text left in the notice as it was.
Result<Document> compose_with(std::string_view template_text, const NoticeFacts& facts);

// The document as plain text, one block a line (a preview, and what tests read).
std::string to_text(const Document& doc);

// "2026-12-20" → "2026年12月20日"; the input unchanged when it is not a date.
std::string chinese_date(std::string_view iso);

// The PDF (A4, text extractable: the fonts are embedded with their Unicode mapping). The body is
// Noto Serif CJK SC (Debian: fonts-noto-cjk); when the font is not installed the answer is
// notice_font_missing rather than a PDF of empty boxes. Other errors: notice_render_failed.
// Safe to call from several threads (calls are serialised inside).
Result<std::string> render_pdf(const Document& doc);

}  // namespace baoxue::notice
