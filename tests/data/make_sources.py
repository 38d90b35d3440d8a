#!/usr/bin/env python3
"""Writes the hand-made sources of the test spreadsheets: xueji_title_row.fods (flat ODS with a
merged title row, merged 学校名称 cells, date-typed cells and one number-typed ID) and
hukou_gbk.csv (a police household export in GBK). README.md says how the .xlsx/.xls are made.
Re-running it gives the same files."""
from xml.sax.saxutils import escape

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check(id17):
    return "10X98765432"[sum(int(d) * w for d, w in zip(id17, W)) % 11]


def make_id(birth, seq):  # birth "20150302", seq "0011": the last three digits are used
    id17 = "410308" + birth + seq[1:]
    return id17 + check(id17)


SCHOOL1 = "孟津区会盟镇中心小学"
SCHOOL2 = "孟津区会盟镇扣马小学"
# (grade, class, name, sex, birth (date str | ("text", s)), id (str | ("number", s) | ("badsum", s)), phone)
rows = [
    ("一年级", "1班", "王子涵", "男", "2019-03-02", make_id("20190302", "0011"), "13803790001"),
    ("一年级", "1班", "李欣怡", "女", "2019-07-15", make_id("20190715", "0022"), "13803790002"),
    ("一年级", "2班", "张浩然", "男", "2019-11-30", make_id("20191130", "0031"), "13803790003"),
    ("二年级", "1班", "刘雨萱", "女", "2018-01-09", make_id("20180109", "0042"), "13803790004"),
    # a date typed as text
    ("二年级", "1班", "陈思远", "男", ("text", "2018年3月2日"), make_id("20180302", "0051"), "13803790005"),
    ("二年级", "2班", "杨梓涵", "女", "2018-05-20", make_id("20180520", "0062"), "13803790006"),
    # wrong check character
    ("三年级", "1班", "赵一鸣", "男", "2017-02-14", ("badsum", "41030820170214007"), "13803790007"),
    # missing name
    ("三年级", "1班", "", "女", "2017-08-08", make_id("20170808", "0082"), "13803790008"),
    ("三年级", "2班", "黄俊杰", "男", "2017-12-01", make_id("20171201", "0091"), "13803790009"),
    ("四年级", "1班", "周诗琪", "女", "2016-04-18", make_id("20160418", "0102"), "13803790010"),
    # ID typed as a number: Excel shows 4.10308E+17 and the last digits are gone
    ("四年级", "1班", "吴宇航", "男", "2016-06-06", ("number", make_id("20160606", "0111")), "13803790011"),
    ("四年级", "2班", "徐子墨", "男", "2016-09-09", make_id("20160909", "0131"), "13803790012"),
    ("五年级", "1班", "孙雅婷", "女", "2015-03-02", make_id("20150302", "0142"), "13803790013"),
    ("五年级", "1班", "马天佑", "男", "2015-10-10", make_id("20151010", "0151"), "13803790014"),
    ("五年级", "2班", "朱欣然", "女", "2015-12-25", make_id("20151225", "0162"), "13803790015"),
    ("六年级", "1班", "胡博文", "男", "2014-01-01", make_id("20140101", "0171"), "13803790016"),
    ("六年级", "1班", "郭佳怡", "女", "2014-05-04", make_id("20140504", "0182"), "13803790017"),
    ("六年级", "2班", "何俊熙", "男", "2014-07-07", make_id("20140707", "0191"), "13803790018"),
    ("六年级", "2班", "高诗涵", "女", "2014-08-15", make_id("20140815", "0202"), "13803790019"),
    ("六年级", "2班", "林子轩", "男", "2014-11-11", make_id("20141111", "0211"), "13803790020"),
]
HEADER = ["学校名称", "年级", "班级", "姓名", "性别", "出生日期", "身份证件号", "全国学籍号", "联系电话"]
TITLE = "孟津区会盟镇中心小学学生名单（2026年秋季）"


def s(text):
    return f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>'


def fods():
    out = []
    out.append('<table:table-row>' + '<table:table-cell table:number-columns-spanned="9" '
               'table:number-rows-spanned="1" office:value-type="string">'
               f'<text:p>{TITLE}</text:p></table:table-cell>'
               '<table:covered-table-cell table:number-columns-repeated="8"/></table:table-row>')
    out.append('<table:table-row>' + "".join(s(h) for h in HEADER) + '</table:table-row>')
    for i, (grade, cls, name, sex, birth, idn, phone) in enumerate(rows):
        cells = []
        # 学校名称 merged over rows 3-12 (school 1) and 13-22 (school 2)
        if i == 0:
            cells.append(f'<table:table-cell table:number-rows-spanned="10" office:value-type="string"><text:p>{SCHOOL1}</text:p></table:table-cell>')
        elif i == 10:
            cells.append(f'<table:table-cell table:number-rows-spanned="10" office:value-type="string"><text:p>{SCHOOL2}</text:p></table:table-cell>')
        else:
            cells.append('<table:covered-table-cell/>')
        cells += [s(grade), s(cls), s(name) if name else '<table:table-cell/>', s(sex)]
        if isinstance(birth, tuple):
            cells.append(s(birth[1]))
        else:
            cells.append(f'<table:table-cell table:style-name="ceDate" office:value-type="date" office:date-value="{birth}"><text:p>{birth}</text:p></table:table-cell>')
        if isinstance(idn, tuple) and idn[0] == "number":
            cells.append(f'<table:table-cell office:value-type="float" office:value="{idn[1]}"><text:p>4.10308E+17</text:p></table:table-cell>')
            student_no = "G" + idn[1]
        elif isinstance(idn, tuple):  # bad checksum: the right one plus 1
            good = check(idn[1])
            bad = "10X98765432"[("10X98765432".index(good) + 1) % 11]
            cells.append(s(idn[1] + bad))
            student_no = "G" + idn[1] + bad
        else:
            cells.append(s(idn))
            student_no = "G" + idn
        cells += [s(student_no), s(phone)]
        out.append('<table:table-row>' + "".join(cells) + '</table:table-row>')
    sheet1 = "\n".join(out)
    sheet2 = ('<table:table-row>' + s("填表说明") + '</table:table-row>'
              '<table:table-row>' + s("身份证件号请设置为文本格式") + '</table:table-row>')
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="NDate"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
 <style:style style:name="ceDate" style:family="table-cell" style:data-style-name="NDate"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="学生名单">
<table:table-column table:number-columns-repeated="9"/>
{sheet1}
</table:table>
<table:table table:name="说明">
<table:table-column/>
{sheet2}
</table:table>
</office:spreadsheet></office:body></office:document>
'''


def hukou():
    header = "序号,姓名,性别,民族,出生日期,公民身份号码,户籍地址,与户主关系,户号"
    people = [
        ("王建国", "男", "汉族", "19850312", "0013", "孟津区会盟镇台荫村一组15号", "户主"),
        ("李秀英", "女", "汉族", "19870605", "0024", "孟津区会盟镇台荫村一组15号", "妻"),
        ("王子涵", "男", "汉族", "20190302", "0011", "孟津区会盟镇台荫村一组15号", "子"),
        ("马玉兰", "女", "回族", "20160909", "0042", '"孟津区会盟镇扣马村三组,28号"', "女"),
        ("张 伟", "男", "汉族", "20150101", "0053", "孟津区会盟镇雷河村\u30002组", "子"),
        ("赵丽娟", "女", "汉族", "20170708", "0064", '"孟津区会盟镇""新庄""村"', "孙女"),
    ]
    lines = [header]
    for i, (name, sex, nation, birth, seq, addr, rel) in enumerate(people, 1):
        id17 = "410308" + birth + seq[:3]
        # sex digit must agree: odd male, even female
        d = int(seq[2])
        if (d % 2 == 1) != (sex == "男"):
            d = (d + 1) % 10
        id17 = "410308" + birth + seq[:2] + str(d)
        idn = id17 + check(id17)
        date = f"{birth[:4]}-{birth[4:6]}-{birth[6:]}"
        lines.append(f"{i},{name},{sex},{nation},{date},{idn},{addr},{rel},410308{1000 + i}")
    return "\r\n".join(lines) + "\r\n"


def encrypted_cfb():
    """A minimal compound file with the streams a password-protected xlsx has (EncryptionInfo,
    EncryptedPackage), 512-byte sectors: header, FAT sector 0, directory sector 1, data sector 2.
    Made by hand because LibreOffice's converter does not write encrypted OOXML."""
    import struct
    ENDOFCHAIN, FATSECT, FREESECT = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 0, 1, 1, 0, 0x1000, ENDOFCHAIN, 0)
    struct.pack_into("<II", header, 68, ENDOFCHAIN, 0)
    difat = [0] + [FREESECT] * 108
    struct.pack_into("<109I", header, 76, *difat)
    fat = [FATSECT, ENDOFCHAIN, ENDOFCHAIN] + [FREESECT] * 125
    fat_sector = struct.pack("<128I", *fat)

    def entry(name, kind, child, left, right, start, size):
        e = bytearray(128)
        n = name.encode("utf-16-le") + b"\0\0"
        e[0:len(n)] = n
        struct.pack_into("<HBB", e, 64, len(n), kind, 1)
        struct.pack_into("<III", e, 68, left, right, child)
        struct.pack_into("<IQ", e, 116, start, size)
        return bytes(e)

    NOSTREAM = 0xFFFFFFFF
    directory = (entry("Root Entry", 5, 1, NOSTREAM, NOSTREAM, ENDOFCHAIN, 0) +
                 entry("EncryptionInfo", 2, NOSTREAM, NOSTREAM, 2, 2, 64) +
                 entry("EncryptedPackage", 2, NOSTREAM, NOSTREAM, NOSTREAM, 2, 64) +
                 bytes(128))
    data = bytes(range(64)) + bytes(448)
    return bytes(header) + fat_sector + directory + data


HTML_XLS = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><table border="1">
<tr><td>姓名</td><td>身份证件号</td></tr>
<tr><td>王子涵</td><td>410308201903020112</td></tr>
</table></body></html>
"""

if __name__ == "__main__":
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "xueji_title_row.fods"), "w", encoding="utf-8") as f:
        f.write(fods())
    with open(os.path.join(here, "hukou_gbk.csv"), "wb") as f:
        f.write(hukou().encode("gbk"))
    with open(os.path.join(here, "encrypted_package.xlsx"), "wb") as f:
        f.write(encrypted_cfb())
    with open(os.path.join(here, "web_export_html.xls"), "w", encoding="utf-8") as f:
        f.write(HTML_XLS)
