#include "demo/names.h"

#include <algorithm>
#include <map>
#include <vector>

#include "text/utf8.h"

namespace baoxue::demo {
namespace {

std::vector<std::string> chars(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    text::decode_next(s, &pos);
    out.push_back(s.substr(start, pos - start));
  }
  return out;
}

// Surnames with rough shares in Henan (per mille); the tail shares the rest evenly.
struct Weighted {
  std::vector<std::string> items;
  std::vector<double> weights;
};

const Weighted& surnames() {
  static const Weighted w = [] {
    Weighted x;
    const std::vector<std::pair<std::string, double>> head = {
        {"王", 100}, {"李", 90}, {"张", 88}, {"刘", 70}, {"陈", 40}, {"杨", 36}, {"赵", 32},
        {"郭", 30},  {"孙", 24}, {"马", 22}, {"周", 20}, {"吴", 18}, {"黄", 17}, {"徐", 16},
        {"朱", 16},  {"胡", 15}, {"高", 15}, {"宋", 14}, {"韩", 13}, {"冯", 12}, {"程", 11},
        {"郑", 11},  {"许", 10}, {"贾", 10}, {"杜", 9},  {"魏", 9},  {"常", 8},  {"崔", 8}};
    const std::string tail =
        "林何梁谢唐于董曹袁邓沈曾彭吕苏卢蒋蔡丁薛叶阎余潘戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔"
        "白康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易武乔贺赖龚文单解仇岳牛翟聂申靳";
    for (const auto& [s, f] : head) {
      x.items.push_back(s);
      x.weights.push_back(f);
    }
    for (const std::string& c : chars(tail)) {
      x.items.push_back(c);
      x.weights.push_back(2.5);
    }
    return x;
  }();
  return w;
}

const std::vector<std::string> kBoy = chars(
    "浩宇轩博俊杰子涵睿泽明晨辰一梓豪鑫磊伟强鹏航凯文昊然阳天佳嘉家振铭洋乐诚瑞旭宸锦毅思"
    "志翔帅康皓骏鸿飞硕岩亮斌");
const std::vector<std::string> kGirl = chars(
    "欣怡梦雨琪涵婷静佳悦可馨萱思雅子紫晨一诗琳妍淑娜丽敏彤语嘉若冰月晗瑶菲梓依婉晓慧颖雪"
    "萌蕊洁芳玉芸");
const std::vector<std::string> kFather = {"建国", "建军", "国强", "志强", "海涛", "红军", "卫东",
                                          "永刚", "军",   "伟",   "强",   "勇",   "磊",   "涛",
                                          "斌",   "建伟", "振华", "国庆", "红伟", "保国", "新民",
                                          "利民", "长青", "建设", "文革", "跃进", "小龙", "晓东"};
const std::vector<std::string> kMother = {"秀英", "桂英", "丽",   "静",   "敏",   "红",   "娟",
                                          "艳",   "芳",   "霞",   "玲",   "燕",   "丽娟", "红霞",
                                          "艳丽", "晓燕", "春梅", "海燕", "秀兰", "玉兰", "凤英",
                                          "彩霞", "小红", "丽萍", "巧云", "素芬", "亚楠", "玉梅"};
const std::vector<std::string> kUyghurMale = {"艾力",   "买买提", "阿卜杜", "热合曼",
                                              "艾买提", "吐尔洪", "努尔",   "伊力"};
const std::vector<std::string> kUyghurFemale = {"阿依古丽", "古丽娜尔", "热依拉",
                                                "帕提古丽", "迪丽拜尔", "努尔古丽"};
const std::vector<std::string> kUyghurFather = {"吐尔逊", "买买提", "阿卜杜",
                                                "艾尼",   "克里木", "热合曼"};

const std::map<std::string, std::string>& traditional() {
  static const std::map<std::string, std::string> m = {
      {"刘", "劉"}, {"张", "張"}, {"陈", "陳"}, {"杨", "楊"}, {"赵", "趙"}, {"孙", "孫"},
      {"马", "馬"}, {"吴", "吳"}, {"黄", "黃"}, {"郑", "鄭"}, {"许", "許"}, {"贾", "賈"},
      {"冯", "馮"}, {"韩", "韓"}, {"龙", "龍"}, {"钱", "錢"}, {"汤", "湯"}, {"轩", "軒"},
      {"杰", "傑"}, {"泽", "澤"}, {"伟", "偉"}, {"强", "強"}, {"鹏", "鵬"}, {"凯", "凱"},
      {"阳", "陽"}, {"铭", "銘"}, {"乐", "樂"}, {"诚", "誠"}, {"锦", "錦"}, {"帅", "帥"},
      {"骏", "駿"}, {"鸿", "鴻"}, {"飞", "飛"}, {"梦", "夢"}, {"静", "靜"}, {"悦", "悅"},
      {"诗", "詩"}, {"丽", "麗"}, {"语", "語"}, {"瑶", "瑤"}, {"晓", "曉"}, {"颖", "穎"},
      {"洁", "潔"}, {"芸", "蕓"}, {"龚", "龔"}, {"邓", "鄧"}, {"苏", "蘇"}, {"卢", "盧"},
      {"蒋", "蔣"}, {"叶", "葉"}, {"阎", "閻"}, {"钟", "鍾"}, {"谭", "譚"}, {"邹", "鄒"},
      {"陆", "陸"}, {"顾", "顧"}, {"万", "萬"}, {"贺", "賀"}, {"赖", "賴"}, {"岳", "嶽"},
      {"聂", "聶"}, {"华", "華"}};
  return m;
}

// Same toneless pinyin, different character: what a clerk types from a spoken name.
const std::map<std::string, std::vector<std::string>>& homophones() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"张", {"章"}},       {"章", {"张"}},       {"王", {"汪"}},       {"杨", {"阳", "扬"}},
      {"徐", {"许"}},       {"许", {"徐"}},       {"林", {"琳", "霖"}}, {"静", {"婧", "靖"}},
      {"轩", {"萱", "宣"}}, {"浩", {"皓", "昊"}}, {"宇", {"雨", "语"}}, {"欣", {"馨", "鑫"}},
      {"佳", {"嘉", "家"}}, {"子", {"紫", "梓"}}, {"涵", {"晗", "含"}}, {"晨", {"辰", "臣"}},
      {"一", {"依", "怡"}}, {"俊", {"骏", "峻"}}, {"明", {"鸣", "铭"}}, {"婷", {"亭", "庭"}},
      {"琪", {"琦", "淇"}}, {"思", {"丝", "斯"}}, {"雅", {"亚"}},       {"瑞", {"睿", "锐"}},
      {"磊", {"垒"}},       {"伟", {"炜", "玮"}}, {"杰", {"洁", "捷"}}, {"梦", {"孟"}},
      {"凯", {"铠", "楷"}}, {"文", {"雯", "闻"}}};
  return m;
}

}  // namespace

std::vector<long> apportion(long total, const std::vector<double>& weights) {
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<long> out(weights.size());
  std::vector<std::pair<double, size_t>> remainders;
  long given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = sum > 0 ? total * weights[i] / sum : 0;
    out[i] = static_cast<long>(exact);
    given += out[i];
    remainders.push_back({exact - out[i], i});
  }
  // Largest remainders first; ties by index, so the split is deterministic.
  std::sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (size_t k = 0; given < total && k < remainders.size(); ++k, ++given)
    ++out[remainders[k].second];
  return out;
}

std::string surname(Rng& rng) {
  const Weighted& w = surnames();
  return w.items[rng.weighted(w.weights)];
}

std::string child_name(Rng& rng, bool male, const std::string& family) {
  const auto& pool = male ? kBoy : kGirl;
  std::string given = rng.pick(pool);
  if (rng.chance(0.8)) given += rng.pick(pool);  // two-character given names dominate
  return family + given;
}

std::string adult_name(Rng& rng, bool male, const std::string& family) {
  return family + rng.pick(male ? kFather : kMother);
}

std::string minority_name(Rng& rng, bool male) {
  return rng.pick(male ? kUyghurMale : kUyghurFemale) + "·" + rng.pick(kUyghurFather);
}

std::string twin_name(Rng& rng, const std::string& sibling, bool male) {
  std::vector<std::string> cs = chars(sibling);
  if (cs.size() < 3 || sibling.find("·") != std::string::npos) {
    return cs.empty() ? sibling
                      : cs[0] + rng.pick(male ? kBoy : kGirl) + rng.pick(male ? kBoy : kGirl);
  }
  std::string last;
  do {
    last = rng.pick(male ? kBoy : kGirl);
  } while (last == cs.back());
  cs.back() = last;
  std::string out;
  for (const auto& c : cs) out += c;
  return out;
}

std::string traditional_variant(const std::string& name) {
  std::string out;
  for (const std::string& c : chars(name)) {
    auto it = traditional().find(c);
    out += it == traditional().end() ? c : it->second;
  }
  return out;
}

std::string homophone_variant(Rng& rng, const std::string& name) {
  std::vector<std::string> cs = chars(name);
  std::vector<size_t> candidates;
  for (size_t i = 0; i < cs.size(); ++i)
    if (homophones().count(cs[i])) candidates.push_back(i);
  if (candidates.empty()) return name;
  const size_t i = rng.pick(candidates);
  cs[i] = rng.pick(homophones().at(cs[i]));
  std::string out;
  for (const auto& c : cs) out += c;
  return out;
}

std::string spaced_variant(const std::string& name) {
  std::vector<std::string> cs = chars(name);
  if (cs.size() < 2 || name.find("·") != std::string::npos) return name;
  std::string out = cs[0] + " ";
  for (size_t i = 1; i < cs.size(); ++i) out += cs[i];
  return out;
}

}  // namespace baoxue::demo
