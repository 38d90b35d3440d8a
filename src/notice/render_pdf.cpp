// render_pdf: a Document set on A4 with Pango (line breaking, CJK shaping, font fallback) and
// Cairo's PDF surface (fonts embedded as subsets with their Unicode mapping, so the text can be
// searched and copied). Units are PDF points throughout: the Pango context's resolution is 72 dpi.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <mutex>

#include "notice/notice.h"

namespace baoxue::notice {
namespace {

// A4 in points, and the type area: a 13 pt body, 35 characters a line, 33 lines a page, so that
// a notice and its receipt fit on one sheet (at 14 pt the deadline notice's receipt went over).
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMarginX = 64;
constexpr double kMarginTop = 56;
constexpr double kMarginBottom = 56;
constexpr double kTextWidth = kPageWidth - 2 * kMarginX;
constexpr double kBodySize = 13;
constexpr double kLineSpacing = 1.15;  // × the font's height; Noto CJK's height is ≈1.45 em
constexpr double kRightPadding = 2 * kBodySize;  // signature and date end two characters in
constexpr const char* kFamily = "Noto Serif CJK SC";

struct GObjectFree {
  void operator()(void* p) const { g_object_unref(p); }
};
struct CairoFree {
  void operator()(cairo_t* p) const { cairo_destroy(p); }
  void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
  void operator()(cairo_font_options_t* p) const { cairo_font_options_destroy(p); }
};
struct FontDescriptionFree {
  void operator()(PangoFontDescription* p) const { pango_font_description_free(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectFree>;
using FontDescription = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

FontDescription font(Style style) {
  std::string spec = kFamily;
  switch (style) {
    case Style::kTitle:
      spec += " Bold 20";
      break;
    case Style::kHeading:
      spec += " Bold 15";
      break;
    case Style::kBody:
      spec += " 13";
      break;
  }
  return FontDescription(pango_font_description_from_string(spec.c_str()));
}

FontDescription small_font() {
  return FontDescription(pango_font_description_from_string("Noto Serif CJK SC 10.5"));
}

// One line of a laid-out block, measured in the block's own coordinates.
struct LineBox {
  int index = 0;
  double height = 0;    // its share of the block's height, line spacing included
  double x = 0;         // left edge, alignment and indent included
  double baseline = 0;  // from the top of its share
};

// A block made ready to place: its layout (null for a cut line or a space) and its lines.
struct Item {
  const Block* block = nullptr;
  LayoutPtr layout;
  std::vector<LineBox> lines;
  double space_before = 0, space_after = 0;
  double height() const {
    double h = space_before + space_after;
    for (const LineBox& l : lines) h += l.height;
    return h;
  }
};

LayoutPtr make_layout(PangoContext* ctx, const std::string& text, const PangoFontDescription* fd,
                      double width, PangoAlignment align, double indent) {
  LayoutPtr layout(pango_layout_new(ctx));
  pango_layout_set_font_description(layout.get(), fd);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  // Word-then-character: Chinese breaks between any characters anyway; a long run without
  // spaces (a URL, a number) is broken rather than running past the margin.
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), align);
  pango_layout_set_indent(layout.get(), static_cast<int>(indent * PANGO_SCALE));
  pango_layout_set_line_spacing(layout.get(), static_cast<float>(kLineSpacing));
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

std::vector<LineBox> measure(PangoLayout* layout) {
  std::vector<LineBox> out;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  int index = 0;
  do {
    int y0 = 0, y1 = 0;
    PangoRectangle logical;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    int baseline = pango_layout_iter_get_baseline(it);
    out.push_back({index++, double(y1 - y0) / PANGO_SCALE, double(logical.x) / PANGO_SCALE,
                   double(baseline - y0) / PANGO_SCALE});
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  return out;
}

Item prepare(PangoContext* ctx, const Block& b, double body_line) {
  Item item;
  item.block = &b;
  if (b.kind == Block::Kind::kSpace) {
    item.lines.push_back({0, body_line, 0, 0});
    return item;
  }
  if (b.kind == Block::Kind::kCutLine) {
    // The dashed line sits in the middle of one and a half body lines; its words on top of it.
    item.layout = make_layout(ctx, b.text, small_font().get(), kTextWidth, PANGO_ALIGN_CENTER, 0);
    item.lines.push_back({0, 1.5 * body_line, 0, 0});
    item.space_before = 0.5 * body_line;
    return item;
  }
  FontDescription fd = font(b.style);
  double size = pango_font_description_get_size(fd.get()) / double(PANGO_SCALE);
  PangoAlignment align = b.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                         : b.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                    : PANGO_ALIGN_LEFT;
  double width = b.align == Align::kRight ? kTextWidth - kRightPadding : kTextWidth;
  item.layout = make_layout(ctx, b.text, fd.get(), width, align, b.indent ? 2 * size : 0);
  item.lines = measure(item.layout.get());
  if (b.style == Style::kTitle) item.space_after = 0.6 * body_line;
  if (b.style == Style::kHeading) item.space_after = 0.3 * body_line;
  return item;
}

// What goes where: a line of an item, or a cut line, on a page.
struct Placed {
  int page = 0;
  const Item* item = nullptr;
  int line = 0;
  double top = 0;  // page coordinates of the top of the line's share
};

std::vector<Placed> paginate(const std::vector<Item>& items, int& pages) {
  std::vector<Placed> out;
  const double bottom = kPageHeight - kMarginBottom;
  int page = 0;
  double y = kMarginTop;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    // The receipt (a cut line and all that follows) is torn off as one piece: it starts a new
    // page rather than being split, unless it would not fit on a page of its own either.
    if (item.block->kind == Block::Kind::kCutLine) {
      double rest = 0;
      for (std::size_t j = i; j < items.size(); ++j) rest += items[j].height();
      if (y + rest > bottom && rest <= bottom - kMarginTop && y > kMarginTop) {
        ++page;
        y = kMarginTop;
      }
    }
    if (y > kMarginTop) y += item.space_before;  // no gap at the head of a page
    for (const LineBox& line : item.lines) {
      if (y + line.height > bottom && y > kMarginTop) {
        ++page;
        y = kMarginTop;
      }
      // A space at the head of a page is not carried over.
      if (item.block->kind == Block::Kind::kSpace && y == kMarginTop && page > 0) continue;
      out.push_back({page, &item, line.index, y});
      y += line.height;
    }
    y += item.space_after;
  }
  pages = page + 1;
  return out;
}

void draw_cut_line(cairo_t* cr, PangoLayout* label, double top, double height) {
  double mid = top + height / 2;
  int w = 0, h = 0;
  pango_layout_get_size(label, &w, &h);
  double label_w = double(w) / PANGO_SCALE + 12;  // a little air either side of the words
  double label_h = double(h) / PANGO_SCALE;
  double gap_from = kMarginX + (kTextWidth - label_w) / 2;
  double gap_to = gap_from + label_w;
  cairo_save(cr);
  cairo_set_line_width(cr, 0.6);
  const double dash[] = {4, 3};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_move_to(cr, kMarginX, mid);
  cairo_line_to(cr, gap_from, mid);
  cairo_move_to(cr, gap_to, mid);
  cairo_line_to(cr, kMarginX + kTextWidth, mid);
  cairo_stroke(cr);
  cairo_restore(cr);
  cairo_move_to(cr, kMarginX, mid - label_h / 2);
  pango_cairo_show_layout(cr, label);
}

void draw_page_number(cairo_t* cr, PangoContext* ctx, int page, int pages) {
  std::string text = "第" + std::to_string(page + 1) + "页 共" + std::to_string(pages) + "页";
  LayoutPtr layout = make_layout(ctx, text, small_font().get(), kTextWidth, PANGO_ALIGN_CENTER, 0);
  cairo_move_to(cr, kMarginX, kPageHeight - 40);  // in the bottom margin, well inside the paper
  pango_cairo_show_layout(cr, layout.get());
}

// One fontmap for the process, used only under this mutex. A PangoFontMap (with fontconfig's
// configuration and Cairo's font caches under it) must not be used by two threads at once; Pango
// avoids that by giving each thread its own default fontmap, but then every server worker would
// load and cache the Noto CJK collections (≈20 MB each) for itself. A notice takes about 20 ms to
// set (the first about 0.4 s, loading the fonts) and a bureau issues a few a day, so serialising
// the renders costs nothing and keeps one font cache.
std::mutex& render_mutex() {
  static std::mutex m;
  return m;
}

PangoFontMap* font_map() {
  static PangoFontMap* map = pango_cairo_font_map_new();  // kept for the process's life
  return map;
}

// The body font must really be the CJK one: fontconfig quietly substitutes another family, and
// a notice in a font without Chinese glyphs prints as empty boxes.
Status check_font(PangoContext* ctx) {
  FontDescription wanted = font(Style::kBody);
  PangoFont* loaded = pango_context_load_font(ctx, wanted.get());
  std::string family;
  if (loaded) {
    FontDescription got(pango_font_describe(loaded));
    if (const char* f = pango_font_description_get_family(got.get())) family = f;
    g_object_unref(loaded);
  }
  if (family.find("CJK") == std::string::npos) {
    return make_error("notice_font_missing", std::string("找不到中文字体 ") + kFamily +
                                                 "（请安装 fonts-noto-cjk），未生成 PDF");
  }
  return {};
}

}  // namespace

Result<std::string> render_pdf(const Document& doc) {
  std::lock_guard lock(render_mutex());
  std::string pdf;
  std::unique_ptr<cairo_surface_t, CairoFree> surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &pdf, kPageWidth, kPageHeight));
  std::string title = doc.title.empty() ? std::string("通知书") : doc.title;
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  if (!doc.issuer.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, doc.issuer.c_str());
  }
  if (!doc.number.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, doc.number.c_str());
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "保学 Baoxue");
  std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));

  std::unique_ptr<PangoContext, GObjectFree> ctx(pango_font_map_create_context(font_map()));
  pango_cairo_update_context(cr.get(), ctx.get());
  pango_cairo_context_set_resolution(ctx.get(), 72);  // 1 pt of type = 1 unit of the page
  // Unhinted metrics: the same line breaks whatever the device, as print needs.
  std::unique_ptr<cairo_font_options_t, CairoFree> options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), options.get());
  if (Status s = check_font(ctx.get()); !s) return s.error();

  // The height of one body line, for spaces and the cut line.
  LayoutPtr probe =
      make_layout(ctx.get(), "国", font(Style::kBody).get(), kTextWidth, PANGO_ALIGN_LEFT, 0);
  double body_line = measure(probe.get()).front().height;

  std::vector<Item> items;
  items.reserve(doc.blocks.size());
  for (const Block& b : doc.blocks) items.push_back(prepare(ctx.get(), b, body_line));
  int pages = 1;
  std::vector<Placed> placed = paginate(items, pages);

  cairo_set_source_rgb(cr.get(), 0, 0, 0);
  int page = 0;
  auto finish_page = [&] {
    if (pages > 1) draw_page_number(cr.get(), ctx.get(), page, pages);
    cairo_show_page(cr.get());
  };
  for (const Placed& p : placed) {
    while (page < p.page) {
      finish_page();
      ++page;
    }
    const Item& item = *p.item;
    const LineBox& box = item.lines[p.line];
    if (item.block->kind == Block::Kind::kCutLine) {
      draw_cut_line(cr.get(), item.layout.get(), p.top, box.height);
    } else if (item.block->kind == Block::Kind::kText) {
      cairo_move_to(cr.get(), kMarginX + box.x, p.top + box.baseline);
      pango_cairo_show_layout_line(cr.get(),
                                   pango_layout_get_line_readonly(item.layout.get(), p.line));
    }
  }
  while (page < pages) {
    finish_page();
    ++page;
  }
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_status_t st = cairo_surface_status(surface.get()); st != CAIRO_STATUS_SUCCESS) {
    return make_error("notice_render_failed",
                      std::string("生成 PDF 失败：") + cairo_status_to_string(st));
  }
  return pdf;
}

}  // namespace baoxue::notice
