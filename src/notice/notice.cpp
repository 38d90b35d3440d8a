#include "notice/notice.h"

#include <optional>

#include "core/date.h"

namespace baoxue::embedded {
extern const std::string_view return_notice_txt;
extern const std::string_view deadline_notice_txt;
}  // namespace baoxue::embedded

namespace baoxue::notice {
namespace {

struct Shipped {
  std::string_view kind;
  const std::string_view* text;
};

// The order is the order notice_kinds() promises: the milder notice first.
const Shipped kShipped[] = {
    {"return_notice", &embedded::return_notice_txt},
    {"deadline_notice", &embedded::deadline_notice_txt},
};

const std::string_view* shipped_template(std::string_view kind) {
  for (const Shipped& s : kShipped)
    if (s.kind == kind) return s.text;
  return nullptr;
}

// A fact a template can name: {name}, what people call it (for "…需要返校期限"), whether it is
// printed as a Chinese date.
struct FactField {
  std::string_view name;
  std::string_view label;
  std::string NoticeFacts::*member;
  bool is_date;
};

const FactField kFields[] = {
    {"number", "文号", &NoticeFacts::number, false},
    {"county_name", "县（区）名称", &NoticeFacts::county_name, false},
    {"issuer", "发文单位", &NoticeFacts::issuer, false},
    {"child_name", "儿童姓名", &NoticeFacts::child_name, false},
    {"child_sex", "儿童性别", &NoticeFacts::child_sex, false},
    {"child_birth_date", "出生日期", &NoticeFacts::child_birth_date, true},
    {"child_id_masked", "公民身份号码", &NoticeFacts::child_id_masked, false},
    {"guardian_name", "监护人姓名", &NoticeFacts::guardian_name, false},
    {"address", "家庭住址", &NoticeFacts::address, false},
    {"school_name", "返回就读的学校", &NoticeFacts::school_name, false},
    {"grade_text", "年级", &NoticeFacts::grade_text, false},
    {"out_since", "确认失学辍学的日期", &NoticeFacts::out_since, true},
    {"deadline", "返校期限", &NoticeFacts::deadline, true},
    {"issue_date", "发文日期", &NoticeFacts::issue_date, true},
    {"contact_name", "联系人", &NoticeFacts::contact_name, false},
    {"contact_phone", "联系电话", &NoticeFacts::contact_phone, false},
};

const FactField* find_field(std::string_view name) {
  for (const FactField& f : kFields)
    if (f.name == name) return &f;
  return nullptr;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// One block of the template before its placeholders are filled.
struct RawBlock {
  Block block;
  int line = 0;  // where it starts in the template, for error messages
};

struct Parsed {
  std::string title;
  std::vector<RawBlock> blocks;
};

Error template_error(int line, std::string what) {
  return make_error("notice_template_invalid",
                    "通知书模板第 " + std::to_string(line) + " 行：" + std::move(what));
}

// The template format: '#' starts a comment line; a blank line ends a paragraph; the lines of a
// paragraph are joined without a space (Chinese has none between characters); "@directive text"
// is one line of its own kind. See the head of data/notices/return_notice.txt.
Result<Parsed> parse_template(std::string_view text) {
  Parsed out;
  std::optional<RawBlock> paragraph;
  auto end_paragraph = [&] {
    if (paragraph) out.blocks.push_back(std::move(*paragraph));
    paragraph.reset();
  };
  int line_no = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.front() == '#') continue;
    if (line.empty()) {
      end_paragraph();
      continue;
    }
    if (line.front() != '@') {
      if (!paragraph) {
        paragraph = RawBlock{Block{}, line_no};
        paragraph->block.indent = true;
      }
      paragraph->block.text += line;
      continue;
    }
    end_paragraph();
    std::size_t sp = line.find(' ');
    std::string_view directive = line.substr(1, sp == std::string_view::npos ? sp : sp - 1);
    std::string_view rest = sp == std::string_view::npos ? "" : trim(line.substr(sp + 1));
    RawBlock b{Block{}, line_no};
    b.block.text = rest;
    if (directive == "title") {
      b.block.style = Style::kTitle;
      b.block.align = Align::kCenter;
      if (out.title.empty()) out.title = rest;
    } else if (directive == "heading") {
      b.block.style = Style::kHeading;
      b.block.align = Align::kCenter;
    } else if (directive == "center") {
      b.block.align = Align::kCenter;
    } else if (directive == "right") {
      b.block.align = Align::kRight;
    } else if (directive == "left") {
      b.block.align = Align::kLeft;
    } else if (directive == "cut") {
      b.block.kind = Block::Kind::kCutLine;
    } else if (directive == "space") {
      b.block.kind = Block::Kind::kSpace;
    } else {
      return template_error(line_no, "未知的标记 @" + std::string(directive) +
                                         "（可用：@title @heading @center @right @left @cut "
                                         "@space）");
    }
    if ((b.block.kind == Block::Kind::kText) && rest.empty()) {
      return template_error(line_no, "@" + std::string(directive) + " 后面没有文字");
    }
    out.blocks.push_back(std::move(b));
  }
  end_paragraph();
  if (out.title.empty()) return template_error(1, "没有标题（@title）");
  return out;
}

// A piece of a block's text: literal text, a placeholder, or the bounds of an optional [ … ].
struct Piece {
  enum class Kind { kText, kField, kOpen, kClose } kind;
  std::string_view text;
  const FactField* field = nullptr;
};

// Splits text into pieces, refusing unknown placeholders and unbalanced brackets. Run over the
// whole template before any fact is looked at, so a wrong template fails the same way whatever
// the facts.
Result<std::vector<Piece>> split(std::string_view text, int line) {
  std::vector<Piece> out;
  bool in_optional = false;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '{') {
      std::size_t close = text.find('}', i);
      if (close == std::string_view::npos) return template_error(line, "“{”没有对应的“}”");
      std::string_view name = text.substr(i + 1, close - i - 1);
      const FactField* f = find_field(name);
      if (!f) {
        std::string known;
        for (const FactField& k : kFields)
          known += (known.empty() ? "" : " ") + std::string(k.name);
        return make_error("notice_template_placeholder_unknown",
                          "通知书模板第 " + std::to_string(line) + " 行有未知的占位符 {" +
                              std::string(name) + "}（可用：" + known + "）");
      }
      out.push_back({Piece::Kind::kField, name, f});
      i = close + 1;
    } else if (c == '}') {
      return template_error(line, "“}”没有对应的“{”");
    } else if (c == '[') {
      if (in_optional) return template_error(line, "可选文字“[ ]”不能嵌套");
      in_optional = true;
      out.push_back({Piece::Kind::kOpen, {}});
      ++i;
    } else if (c == ']') {
      if (!in_optional) return template_error(line, "“]”没有对应的“[”");
      in_optional = false;
      out.push_back({Piece::Kind::kClose, {}});
      ++i;
    } else {
      std::size_t next = text.find_first_of("{}[]", i);
      if (next == std::string_view::npos) next = text.size();
      out.push_back({Piece::Kind::kText, text.substr(i, next - i)});
      i = next;
    }
  }
  if (in_optional) return template_error(line, "“[”没有对应的“]”");
  return out;
}

std::string value_of(const FactField& f, const NoticeFacts& facts) {
  std::string v(trim(facts.*(f.member)));
  return f.is_date ? chinese_date(v) : v;
}

// Fills the pieces: an optional [ … ] is printed only when every fact in it has a value; a
// missing fact outside one refuses the notice, naming the fact.
Result<std::string> fill(const std::vector<Piece>& pieces, const NoticeFacts& facts,
                         const std::string& title) {
  std::string out, optional;
  bool in_optional = false, optional_complete = true;
  for (const Piece& p : pieces) {
    switch (p.kind) {
      case Piece::Kind::kOpen:
        in_optional = true;
        optional.clear();
        optional_complete = true;
        break;
      case Piece::Kind::kClose:
        if (optional_complete) out += optional;
        in_optional = false;
        break;
      case Piece::Kind::kText:
        (in_optional ? optional : out) += p.text;
        break;
      case Piece::Kind::kField: {
        std::string v = value_of(*p.field, facts);
        if (v.empty()) {
          if (!in_optional) {
            return make_error("notice_fact_missing", title + "需要" + std::string(p.field->label));
          }
          optional_complete = false;
        }
        (in_optional ? optional : out) += v;
        break;
      }
    }
  }
  return out;
}

Status check_dates(const NoticeFacts& facts) {
  for (const FactField& f : kFields) {
    if (!f.is_date) continue;
    std::string_view v = trim(facts.*(f.member));
    if (!v.empty() && !Date::parse_iso(v)) {
      return make_error("notice_date_invalid", std::string(f.label) + "不是有效日期：" +
                                                   std::string(v) + "（应为 YYYY-MM-DD）");
    }
  }
  auto deadline = Date::parse_iso(trim(facts.deadline));
  auto issued = Date::parse_iso(trim(facts.issue_date));
  if (deadline && issued && *deadline < *issued) {
    return make_error("notice_deadline_before_issue",
                      "返校期限（" + chinese_date(facts.deadline) + "）早于发文日期（" +
                          chinese_date(facts.issue_date) + "），请改正其中一个日期");
  }
  return {};
}

}  // namespace

std::vector<std::string> notice_kinds() {
  std::vector<std::string> out;
  for (const Shipped& s : kShipped) out.emplace_back(s.kind);
  return out;
}

std::string notice_kind_name(std::string_view kind) {
  const std::string_view* text = shipped_template(kind);
  if (!text) return {};
  auto parsed = parse_template(*text);
  return parsed ? parsed->title : std::string();
}

std::string chinese_date(std::string_view iso) {
  auto d = Date::parse_iso(iso);
  if (!d) return std::string(iso);
  return std::to_string(d->year) + "年" + std::to_string(d->month) + "月" + std::to_string(d->day) +
         "日";
}

Result<Document> compose_with(std::string_view template_text, const NoticeFacts& facts) {
  auto parsed = parse_template(template_text);
  if (!parsed) return parsed.error();
  std::vector<std::vector<Piece>> pieces;
  for (const RawBlock& b : parsed->blocks) {
    auto p = split(b.block.text, b.line);
    if (!p) return p.error();
    pieces.push_back(std::move(p.value()));
  }
  if (Status s = check_dates(facts); !s) return s.error();

  Document doc;
  doc.kind = std::string(trim(facts.kind));
  doc.number = std::string(trim(facts.number));
  doc.issuer = std::string(trim(facts.issuer));
  for (std::size_t i = 0; i < parsed->blocks.size(); ++i) {
    Block block = parsed->blocks[i].block;
    auto text = fill(pieces[i], facts, parsed->title);
    if (!text) return text.error();
    block.text = std::move(text.value());
    if (block.style == Style::kTitle && doc.title.empty()) doc.title = block.text;
    doc.blocks.push_back(std::move(block));
  }
  return doc;
}

Result<Document> compose(const NoticeFacts& facts) {
  std::string_view kind = trim(facts.kind);
  if (kind.empty()) {
    return make_error("notice_fact_missing", "通知书需要类别（return_notice 或 deadline_notice）");
  }
  const std::string_view* text = shipped_template(kind);
  if (!text) {
    std::string known;
    for (const Shipped& s : kShipped) {
      known += (known.empty() ? "" : "、") + std::string(s.kind) + " " + notice_kind_name(s.kind);
    }
    return make_error("notice_kind_unknown",
                      "未知的通知书类别：" + std::string(kind) + "（可用：" + known + "）");
  }
  return compose_with(*text, facts);
}

std::string to_text(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kSpace:
        out += "\n";
        break;
      case Block::Kind::kCutLine:
        out += "-------- " + b.text + " --------\n";
        break;
      case Block::Kind::kText:
        out += (b.indent ? "　　" : "") + b.text + "\n";
        break;
    }
  }
  return out;
}

}  // namespace baoxue::notice
