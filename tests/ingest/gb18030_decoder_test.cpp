// Specification: GB18030 text (what Chinese Excel and WPS write as "CSV") decodes to exactly the
// UTF-8 that iconv gives, with the same verdict on bytes that are not GB18030, however the bytes
// are split into chunks.
#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ingest/encoding.h"

namespace baoxue::ingest {
namespace {

struct Decoded {
  std::string text;
  bool ok = true;
  Decoder::Problem problem = Decoder::Problem::kNone;
};

// iconv over the whole input at once, with the decoders' rules: stop at the first bad or cut-off
// sequence, and a NUL ends the text (and is the problem if it comes first).
Decoded with_iconv(const std::string& bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  std::string out(bytes.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(bytes.data());
  std::size_t src_left = bytes.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  const bool converted =
      iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1);
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  Decoded d;
  d.text = out;
  if (const auto nul = d.text.find('\0'); nul != std::string::npos) {
    d.text.resize(nul);
    d.ok = false;
    d.problem = Decoder::Problem::kNul;
  } else if (!converted) {
    d.ok = false;
    d.problem = Decoder::Problem::kInvalid;
  }
  return d;
}

// The decoder fed the bytes in pieces ending at `cuts`, the last piece final.
Decoded in_pieces(const std::string& bytes, std::vector<std::size_t> cuts) {
  auto decoder = make_decoder("gb18030");
  Decoded d;
  cuts.push_back(bytes.size());
  std::size_t from = 0;
  for (std::size_t i = 0; i < cuts.size() && d.ok; ++i) {
    const std::size_t to = std::max(from, std::min(cuts[i], bytes.size()));
    d.ok = decoder->decode(std::string_view(bytes).substr(from, to - from), i + 1 == cuts.size(),
                           d.text);
    from = to;
  }
  d.problem = decoder->problem();
  return d;
}

void expect_same(const Decoded& got, const Decoded& want, const std::string& what) {
  EXPECT_EQ(got.text, want.text) << what;
  EXPECT_EQ(got.ok, want.ok) << what;
  EXPECT_EQ(got.problem, want.problem) << what;
}

TEST(Gb18030, EveryTwoByteCodeDecodesAsIconvDecodesIt) {
  // Each code on its own, so that one iconv refuses does not hide the ones after it.
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      const std::string code = {static_cast<char>(lead), static_cast<char>(trail), 'a'};
      expect_same(in_pieces(code, {}), with_iconv(code),
                  "code " + std::to_string(lead) + "," + std::to_string(trail));
    }
  }
}

TEST(Gb18030, ListTextInAnyChunksDecodesAsIconvDecodesIt) {
  // Names, numbers, commas, a four-byte character (U+00A0, no-break space) and the euro sign.
  const std::string utf8 =
      "序号,姓名,公民身份号码\r\n1,王子涵,410308201109010013\r\n2,\u00A0欧阳·晓明,"
      "４１０３０８\r\n3,劉德華 €,\"住址,15号\"\r\n";
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string gb(utf8.size() * 4, '\0');
  char* src = const_cast<char*>(utf8.data());
  std::size_t src_left = utf8.size();
  char* dst = gb.data();
  std::size_t dst_left = gb.size();
  iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  gb.resize(gb.size() - dst_left);
  const Decoded want = with_iconv(gb);
  EXPECT_EQ(want.text, utf8);
  for (std::size_t cut = 0; cut <= gb.size(); ++cut)
    expect_same(in_pieces(gb, {cut}), want, "cut at " + std::to_string(cut));
}

TEST(Gb18030, BytesThatAreNotGb18030GetIconvsVerdict) {
  // Random mixtures of ASCII, two- and four-byte codes, stray lead bytes, 0x80, 0xFF and NUL,
  // decoded whole and in random pieces.
  std::mt19937 rng(20261015);
  auto byte = [&](int lo, int hi) {
    return static_cast<char>(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  for (int round = 0; round < 3000; ++round) {
    std::string bytes;
    const int n = std::uniform_int_distribution<int>(0, 40)(rng);
    for (int i = 0; i < n; ++i) {
      switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
        case 0:
        case 1:
        case 2:
          bytes += byte(0x20, 0x7E);
          break;
        case 3:
        case 4:
        case 5:
          bytes += {byte(0x81, 0xFE), byte(0x40, 0xFE)};
          break;
        case 6:
          bytes += {byte(0x81, 0x84), byte(0x30, 0x39), byte(0x81, 0xFE), byte(0x30, 0x39)};
          break;
        case 7:
          bytes += byte(0x81, 0xFE);  // a lead byte, maybe without its trail
          break;
        case 8:
          bytes += static_cast<char>(std::uniform_int_distribution<int>(0, 1)(rng) ? 0x80 : 0xFF);
          break;
        default:
          bytes += std::uniform_int_distribution<int>(0, 3)(rng) ? '\n' : '\0';
      }
    }
    const Decoded want = with_iconv(bytes);
    expect_same(in_pieces(bytes, {}), want, "round " + std::to_string(round) + " whole");
    std::vector<std::size_t> cuts;
    for (int k = std::uniform_int_distribution<int>(1, 4)(rng); k > 0; --k)
      cuts.push_back(std::uniform_int_distribution<std::size_t>(0, bytes.size())(rng));
    std::sort(cuts.begin(), cuts.end());
    expect_same(in_pieces(bytes, cuts), want, "round " + std::to_string(round) + " in pieces");
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace baoxue::ingest
