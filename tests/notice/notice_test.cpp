// Specification: the official notices of persuade-to-return work — what they say, what they
// refuse to say without the facts, and that the PDF carries the text on the page.
#include "notice/notice.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

namespace baoxue::notice {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

NoticeFacts deadline_facts() {
  NoticeFacts f;
  f.kind = "deadline_notice";
  f.number = "孟津限返〔2026〕第0003号";
  f.county_name = "孟津区";
  f.issuer = "横水镇人民政府";
  f.child_name = "王小明";
  f.child_sex = "男";
  f.child_birth_date = "2013-05-02";
  f.child_id_masked = "410308********1234";
  f.guardian_name = "王建国";
  f.address = "孟津区横水镇寺河村三组";
  f.school_name = "横水镇第一初级中学";
  f.grade_text = "七年级";
  f.out_since = "2026-10-15";
  f.deadline = "2026-12-20";
  f.issue_date = "2026-12-06";
  f.contact_name = "李老师";
  f.contact_phone = "0379-67212345";
  return f;
}

NoticeFacts return_facts() {
  NoticeFacts f = deadline_facts();
  f.kind = "return_notice";
  f.number = "孟津劝返〔2026〕第0003号";
  f.issuer = "横水镇第一初级中学";
  f.deadline = "2026-11-10";
  f.issue_date = "2026-11-01";
  return f;
}

std::string text_of(const NoticeFacts& f) {
  auto doc = compose(f);
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
  return doc.ok() ? to_text(doc.value()) : std::string();
}

struct Command {
  int status = -1;
  std::string out;
};

Command run(const std::string& cmd) {
  Command c;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return c;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) c.out.append(buf, n);
  c.status = pclose(p);
  return c;
}

// A PDF on disk for poppler's tools, removed when the test ends.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    path_ = (std::filesystem::temp_directory_path() / ("baoxue_notice_" + std::to_string(getpid()) +
                                                       "_" + std::to_string(counter_++) + ".pdf"))
                .string();
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~PdfFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

// pdftotext is part of the set-up (poppler-utils): missing, the test fails, it never skips.
std::string pdf_text(const std::string& pdf) {
  PdfFile file(pdf);
  Command c = run("pdftotext -enc UTF-8 '" + file.path() + "' - 2>&1");
  EXPECT_EQ(c.status, 0) << "pdftotext failed (is poppler-utils installed?): " << c.out;
  return c.out;
}

std::string rendered(const NoticeFacts& f) {
  auto doc = compose(f);
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
  if (!doc.ok()) return {};
  auto pdf = render_pdf(doc.value());
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
  return pdf.ok() ? pdf.value() : std::string();
}

TEST(NoticeKinds, AreTheReturnNoticeAndTheDeadlineNoticeWithTheirChineseNames) {
  EXPECT_EQ(notice_kinds(), (std::vector<std::string>{"return_notice", "deadline_notice"}));
  EXPECT_EQ(notice_kind_name("return_notice"), "劝返通知书");
  EXPECT_EQ(notice_kind_name("deadline_notice"), "限期返校通知书");
  EXPECT_EQ(notice_kind_name("fine_notice"), "");
}

TEST(Dates, AreWrittenInChinese) {
  EXPECT_EQ(chinese_date("2026-12-20"), "2026年12月20日");
  EXPECT_EQ(chinese_date("2026-01-05"), "2026年1月5日");
  EXPECT_EQ(chinese_date("not a date"), "not a date");
}

TEST(DeadlineNotice, CitesArticle58AndNamesTheDeadlineInChinese) {
  std::string text = text_of(deadline_facts());
  EXPECT_THAT(text, HasSubstr("限期返校通知书"));
  EXPECT_THAT(text, HasSubstr("孟津限返〔2026〕第0003号"));
  EXPECT_THAT(text, HasSubstr("王建国（王小明的监护人）："));
  EXPECT_THAT(text, HasSubstr("第五十八条"));
  EXPECT_THAT(text, HasSubstr("批评教育，责令限期改正"));
  EXPECT_THAT(text, HasSubstr("第五条"));
  EXPECT_THAT(text, HasSubstr("《中华人民共和国未成年人保护法》第十六条"));
  EXPECT_THAT(text, HasSubstr("于2026年12月20日前送王小明到横水镇第一初级中学七年级报到复学"));
  EXPECT_THAT(text, HasSubstr("自2026年10月15日起"));
  EXPECT_THAT(text, HasSubstr("报请孟津区人民政府依法处理"));
  EXPECT_THAT(text, HasSubstr("2026年12月6日"));
  EXPECT_THAT(text, HasSubstr("0379-67212345"));
}

TEST(DeadlineNotice, IsAnOrderNotAFine) {
  std::string text = text_of(deadline_facts());
  EXPECT_THAT(text, Not(HasSubstr("罚款")));
  EXPECT_THAT(text, Not(HasSubstr("处罚")));
}

TEST(ReturnNotice, RemindsTheGuardianOfHisDutyWithoutOrderingHim) {
  std::string text = text_of(return_facts());
  EXPECT_THAT(text, HasSubstr("劝返通知书"));
  EXPECT_THAT(text, HasSubstr("应当依法保证其按时入学接受并完成义务教育"));
  EXPECT_THAT(text, HasSubstr("保障适龄未成年人依法接受并完成义务教育"));
  EXPECT_THAT(text, HasSubstr("请你于2026年11月10日前送王小明到横水镇第一初级中学七年级报到复学"));
  EXPECT_THAT(text, HasSubstr("联系人：李老师，联系电话：0379-67212345。"));
  EXPECT_THAT(text, Not(HasSubstr("第五十八条")));
  EXPECT_THAT(text, Not(HasSubstr("罚款")));
}

TEST(Notice, EndsWithASignatureAndATearOffReceiptForTheGuardian) {
  auto doc = compose(deadline_facts());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  const auto& blocks = doc->blocks;
  ASSERT_FALSE(blocks.empty());
  EXPECT_EQ(doc->title, "限期返校通知书");
  EXPECT_EQ(blocks[0].style, Style::kTitle);
  EXPECT_EQ(blocks[0].align, Align::kCenter);
  EXPECT_EQ(blocks[1].text, "孟津限返〔2026〕第0003号");
  EXPECT_EQ(blocks[1].align, Align::kRight);

  auto cut = std::find_if(blocks.begin(), blocks.end(),
                          [](const Block& b) { return b.kind == Block::Kind::kCutLine; });
  ASSERT_NE(cut, blocks.end());
  auto signed_by = std::find_if(blocks.begin(), cut, [](const Block& b) {
    return b.align == Align::kRight && b.text == "横水镇人民政府（盖章）";
  });
  ASSERT_NE(signed_by, cut);
  EXPECT_EQ((signed_by + 1)->text, "2026年12月6日");
  EXPECT_EQ((signed_by + 1)->align, Align::kRight);

  std::string receipt;
  for (auto b = cut; b != blocks.end(); ++b) receipt += b->text + "\n";
  EXPECT_THAT(receipt, HasSubstr("回执"));
  EXPECT_THAT(receipt, HasSubstr("本人已收到《限期返校通知书》（孟津限返〔2026〕第0003号）"));
  EXPECT_THAT(receipt, HasSubstr("监护人（签字）"));
}

TEST(Notice, WithoutADeadlineIsRefusedWithAChineseReason) {
  NoticeFacts f = deadline_facts();
  f.deadline = "";
  auto doc = compose(f);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "notice_fact_missing");
  EXPECT_EQ(doc.error().message, "限期返校通知书需要返校期限");

  f = return_facts();
  f.guardian_name = "  ";
  doc = compose(f);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().message, "劝返通知书需要监护人姓名");
}

TEST(Notice, LeavesOutOptionalFactsWithoutAGap) {
  NoticeFacts f = deadline_facts();
  f.out_since.clear();
  f.child_id_masked.clear();
  f.grade_text.clear();
  std::string text = text_of(f);
  EXPECT_THAT(text, HasSubstr("王小明（男，2013年5月2日出生），家住"));
  EXPECT_THAT(text, HasSubstr("系义务教育阶段适龄儿童少年，未按规定到校"));
  EXPECT_THAT(text, HasSubstr("到横水镇第一初级中学报到复学"));
  EXPECT_THAT(text, Not(HasSubstr("公民身份号码")));
  EXPECT_THAT(text, Not(HasSubstr("[")));
  EXPECT_THAT(text, Not(HasSubstr("{")));
}

TEST(Notice, OfAnUnknownKindIsRefusedNamingTheKindsThereAre) {
  NoticeFacts f = deadline_facts();
  f.kind = "fine_notice";
  auto doc = compose(f);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "notice_kind_unknown");
  EXPECT_THAT(doc.error().message, HasSubstr("fine_notice"));
  EXPECT_THAT(doc.error().message, HasSubstr("deadline_notice 限期返校通知书"));
}

TEST(Notice, WithADateThatDoesNotExistIsRefused) {
  NoticeFacts f = deadline_facts();
  f.deadline = "2026-02-30";
  auto doc = compose(f);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "notice_date_invalid");
  EXPECT_EQ(doc.error().message, "返校期限不是有效日期：2026-02-30（应为 YYYY-MM-DD）");
}

TEST(Notice, WithADeadlineBeforeItsIssueDateIsRefused) {
  NoticeFacts f = deadline_facts();
  f.deadline = "2026-12-01";
  auto doc = compose(f);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "notice_deadline_before_issue");
  EXPECT_THAT(doc.error().message, HasSubstr("2026年12月1日"));
}

TEST(Template, WithAnUnknownPlaceholderIsAnErrorNotTextLeftInTheNotice) {
  auto doc =
      compose_with("@title 测试通知\n\n请{guardian_name}送{childs_name}返校。\n", deadline_facts());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "notice_template_placeholder_unknown");
  EXPECT_THAT(doc.error().message, HasSubstr("第 3 行"));
  EXPECT_THAT(doc.error().message, HasSubstr("{childs_name}"));

  // Found even where a missing fact would have stopped the filling first, and inside [ ].
  NoticeFacts no_deadline = deadline_facts();
  no_deadline.deadline.clear();
  doc = compose_with("@title 测试通知\n\n于{deadline}前[{school}]返校。\n", no_deadline);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().code, "notice_template_placeholder_unknown");
}

TEST(Template, WithABadDirectiveOrUnbalancedBracketsIsAnError) {
  for (const char* bad : {"@title 通知\n@bold 文字\n", "@title 通知\n\n[{grade_text}报到\n",
                          "@title 通知\n\n{grade_text报到\n", "没有标题的通知\n"}) {
    auto doc = compose_with(bad, deadline_facts());
    ASSERT_FALSE(doc.ok()) << bad;
    EXPECT_EQ(doc.error().code, "notice_template_invalid") << bad;
  }
}

TEST(Template, JoinsTheLinesOfAParagraphAndSkipsComments) {
  auto doc = compose_with(
      "# 注释\n@title 通知\n@left {guardian_name}：\n\n请于{deadline}前\n返校。\n\n第二段。\n",
      deadline_facts());
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  ASSERT_EQ(doc->blocks.size(), 4u);
  EXPECT_EQ(doc->blocks[1].text, "王建国：");
  EXPECT_FALSE(doc->blocks[1].indent);
  EXPECT_EQ(doc->blocks[2].text, "请于2026年12月20日前返校。");
  EXPECT_TRUE(doc->blocks[2].indent);
  EXPECT_EQ(doc->blocks[3].text, "第二段。");
}

TEST(Pdf, IsAnA4PdfTitledAfterTheNotice) {
  std::string pdf = rendered(deadline_facts());
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  PdfFile file(pdf);
  Command info = run("pdfinfo '" + file.path() + "' 2>&1");
  ASSERT_EQ(info.status, 0) << info.out;
  EXPECT_THAT(info.out, HasSubstr("限期返校通知书"));
  EXPECT_THAT(info.out, HasSubstr("595.276 x 841.89 pts (A4)"));
  EXPECT_THAT(info.out, HasSubstr("Pages:           1"));
}

TEST(Pdf, TextComesBackFromPdftotext) {
  std::string text = pdf_text(rendered(deadline_facts()));
  EXPECT_THAT(text, HasSubstr("限期返校通知书"));
  EXPECT_THAT(text, HasSubstr("王小明"));
  EXPECT_THAT(text, HasSubstr("第五十八条"));
  EXPECT_THAT(text, HasSubstr("2026年12月20日"));
  EXPECT_THAT(text, HasSubstr("回执"));

  std::string ret = pdf_text(rendered(return_facts()));
  EXPECT_THAT(ret, HasSubstr("劝返通知书"));
  EXPECT_THAT(ret, HasSubstr("2026年11月10日"));
}

// The type area of the A4 page (points, from the top left, as pdftotext -bbox gives them), with a
// point of tolerance; page numbers sit below it, in the bottom margin.
constexpr double kTextRight = 595.276 - 64 + 1;
constexpr double kTextBottom = 841.89 - 56 + 1;
constexpr double kPageNumberBottom = 841.89 - 20;

struct Word {
  double x_max, y_max;
  std::string text;
};
struct Layout {
  int pages = 0;
  std::vector<Word> words;
  std::string text;
};

// Where every word is on the page, from pdftotext -bbox.
Layout layout_of(const std::string& pdf) {
  PdfFile file(pdf);
  Command c = run("pdftotext -enc UTF-8 -bbox '" + file.path() + "' - 2>&1");
  EXPECT_EQ(c.status, 0) << "pdftotext failed (is poppler-utils installed?): " << c.out;
  Layout l;
  std::regex page(R"(<page )");
  l.pages = static_cast<int>(std::distance(std::sregex_iterator(c.out.begin(), c.out.end(), page),
                                           std::sregex_iterator()));
  std::regex word(R"re(<word xMin="[^"]*" yMin="[^"]*" xMax="([^"]*)" yMax="([^"]*)">([^<]*)<)re");
  for (auto it = std::sregex_iterator(c.out.begin(), c.out.end(), word);
       it != std::sregex_iterator(); ++it) {
    l.words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), (*it)[3].str()});
    l.text += (*it)[3].str();
  }
  return l;
}

TEST(Pdf, ALongAddressWrapsAndStaysOnThePage) {
  NoticeFacts f = deadline_facts();
  f.address =
      "河南省洛阳市孟津区横水镇寺河村三组东头第二排向南拐进小巷后的第四户，门牌号"
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA号";
  Layout l = layout_of(rendered(f));
  ASSERT_FALSE(l.words.empty());
  for (const Word& w : l.words) {
    EXPECT_LE(w.x_max, kTextRight) << w.text;
    if (w.text.find("页") == std::string::npos) {
      EXPECT_LE(w.y_max, kTextBottom) << w.text;
    }
  }
  EXPECT_THAT(l.text, HasSubstr("AAAA"));
  EXPECT_THAT(l.text, HasSubstr("第四户"));
}

TEST(Pdf, AnOverlongNoticePaginatesAndKeepsTheReceiptWhole) {
  NoticeFacts f = deadline_facts();
  for (int i = 0; i < 40; ++i) f.address += "孟津区横水镇寺河村三组";
  auto doc = compose(f);
  ASSERT_TRUE(doc.ok());
  Layout l = layout_of(render_pdf(doc.value()).value());
  EXPECT_EQ(l.pages, 2);
  for (const Word& w : l.words) {
    EXPECT_LE(w.x_max, kTextRight);
    EXPECT_LE(w.y_max, kPageNumberBottom);
  }
  EXPECT_THAT(l.text, HasSubstr("第1页"));
  EXPECT_THAT(l.text, HasSubstr("共2页"));
  std::string text = pdf_text(render_pdf(doc.value()).value());
  ASSERT_NE(text.find('\f'), std::string::npos);
  // The receipt is on one page: its heading and the guardian's signature line together.
  std::size_t receipt = text.find("回执");
  std::size_t signature = text.find("监护人（签字）");
  ASSERT_NE(receipt, std::string::npos);
  ASSERT_NE(signature, std::string::npos);
  EXPECT_EQ(text.substr(receipt, signature - receipt).find('\f'), std::string::npos);
}

TEST(Pdf, RendersTheSameFromSeveralThreadsAtOnce) {
  auto doc = compose(deadline_facts());
  ASSERT_TRUE(doc.ok());
  std::vector<std::string> out(6);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < out.size(); ++i) {
    threads.emplace_back([&, i] {
      auto pdf = render_pdf(doc.value());
      if (pdf.ok()) out[i] = std::move(pdf.value());
    });
  }
  for (auto& t : threads) t.join();
  std::string first = pdf_text(out[0]);
  EXPECT_THAT(first, HasSubstr("第五十八条"));
  for (std::size_t i = 1; i < out.size(); ++i) EXPECT_EQ(pdf_text(out[i]), first) << i;
}

}  // namespace
}  // namespace baoxue::notice
