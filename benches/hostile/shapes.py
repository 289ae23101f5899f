"""Hostile shapes for `survey.py`: each `name(site_dir, n)` writes ONE file of
a `minsheng new` site with n repeats of one thing (mostly a mistake) and
returns its path. Made by two surveys in the eighth round (issue 13's notes):
every shape here once grew as the square of n, crashed or ran out of memory,
or was checked to stay linear.
"""
import os
def w(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path
def page(d, fm, body, where="content/reports/p.md"):
    return w(f"{d}/{where}", "---\n" + fm + "---\n\n" + body)
FM = "title: 测试\ndate: 2026-01-01\n"
PARA = "这是一段正常的说明文字，讲清楚服务内容。\n\n"

# ---- front matter ----
def fm_unknown_keys(d, n):
    return page(d, FM + "".join(f"foo{i}: 值\n" for i in range(n)), PARA)
def fm_placeholder_keys(d, n):  # check: placeholder values in an unknown? use list under a guide key
    return page(d, FM + "audiences:\n" + "".join("  - (请填写)\n" for i in range(n)), PARA)
def fm_placeholder_guide(d, n):
    fm = ("title: 指南\nsummary: s\ndomains: [老有所养]\naudiences: [老年人]\nindicators: [example-indicator]\n"
          "what_you_get: 东西\nwho_can_apply:\n" + "".join(f"  - (第{i}个条件)\n" for i in range(n)) +
          "how_to_apply: [一步]\nwhere: {office: 办公室}\nlast_reviewed: 2026-01-01\n")
    return page(d, fm, PARA, "content/services/g.md")
def fm_bad_domains(d, n):
    return page(d, FM + "domains:\n" + "".join(f"  - 领域{i}\n" for i in range(n)), PARA)
def fm_bad_audiences(d, n):
    return page(d, FM + "audiences:\n" + "".join(f"  - 人群{i}\n" for i in range(n)), PARA)
def fm_bad_indicators(d, n):
    return page(d, FM + "indicators:\n" + "".join(f"  - nosuch{i}\n" for i in range(n)), PARA)
def fm_bad_events(d, n):
    fm = ("title: 指南\nsummary: s\ndomains: [老有所养]\naudiences: [老年人]\nindicators: [example-indicator]\n"
          "what_you_get: 东西\nwho_can_apply: [人]\nevents:\n" + "".join(f"  - 事件{i}\n" for i in range(n)) +
          "how_to_apply: [一步]\nwhere: {office: 办公室}\nlast_reviewed: 2026-01-01\n")
    return page(d, fm, PARA, "content/services/g.md")
def fm_escaped_controls(d, n):
    return page(d, FM + "".join(f'foo{i}: "a\\x01b"\n' for i in range(n)), PARA)
def fm_symbol_start(d, n):
    return page(d, FM + "".join(f"foo{i}: `x`\n" for i in range(n)), PARA)
def fm_todo_values(d, n):
    return page(d, FM + "editor: a\n" + "".join(f"k{i}: 待补充\n" for i in range(n)), PARA)

# ---- body / check rules ----
def body_placeholders(d, n):
    return page(d, FM, "".join(f"第{i}段待补充内容。\n\n" for i in range(n)))
def body_long_sentences(d, n):
    s = "这" * 90 + "。"
    return page(d, FM, "".join(s + "\n\n" for i in range(n)))
def body_officialese(d, n):
    return page(d, FM, "".join("我们要切实做好服务。\n\n" for i in range(n)))
def body_undefined_terms(d, n):  # one per term normally
    return page(d, FM, "".join("医养结合和普惠托育。\n\n" for i in range(n)))
def body_raw_html(d, n):
    return page(d, FM, "".join(f"段落<b>粗</b>文字{i}。\n\n" for i in range(n)))
def body_heading_attrs(d, n):
    return page(d, FM, "".join(f"## 标题{i} {{#h{i} onclick=x}}\n\n正文。\n\n" for i in range(n)))
def body_indented(d, n):
    return page(d, FM, "".join(f"第{i}段。\n\n    缩进的一段文字{i}。\n\n" for i in range(n)))
def body_indicator_blocks_bad(d, n):
    return page(d, FM, "".join(f"```indicator\nid: nosuch{i}\n```\n\n" for i in range(n)))
def body_indicator_blocks_badkey(d, n):
    return page(d, FM, "".join(f"```indicator\nid: example-indicator\nbogus: 1\n```\n\n" for i in range(n)))
def body_indicator_blocks_ok(d, n):
    return page(d, FM, "".join(f"```indicator\nid: example-indicator\nchart: sparkline\n```\n\n" for i in range(n)))
def body_bad_scheme_links(d, n):
    return page(d, FM, "".join(f"[链接{i}](javascript:alert({i}))\n\n" for i in range(n)))
def body_external_images(d, n):
    return page(d, FM, "".join(f"![图{i}](https://example.com/{i}.png)\n\n" for i in range(n)))
def body_no_alt_images(d, n):
    return page(d, FM, "".join(f"![](/favicon.svg)\n\n" for i in range(n)))
def body_missing_md_links(d, n):
    return page(d, FM, "".join(f"[指南{i}](../services/nosuch{i}.md)\n\n" for i in range(n)))
def body_missing_site_links(d, n):
    return page(d, FM, "".join(f"[页{i}](/nosuch{i}/)\n\n" for i in range(n)))
def body_broken_anchors(d, n):
    return page(d, FM, "".join(f"[页{i}](#nosuch{i})\n\n" for i in range(n)))
def body_footnotes_missing(d, n):
    return page(d, FM, "".join(f"正文[^n{i}]。\n\n" for i in range(n)))
def body_footnote_bad_links(d, n):
    return page(d, FM, "".join(f"正文[^n{i}]。\n\n" for i in range(n)) + "".join(f"[^n{i}]: [来源](javascript:x)\n" for i in range(n)))
def body_controls(d, n):
    return page(d, FM, "".join(f"文字\x01{i}。\n\n" for i in range(n)))
def body_ascii_colon(d, n):  # same rule family as known comma; skip normally
    return page(d, FM, "".join(f"中文:中文\n\n" for i in range(n)))
def body_big_tables(d, n):
    return page(d, FM, "".join("| a | b |\n|---|---|\n| 1 | 2 |\n\n" for i in range(n)))
def body_emphasis(d, n):
    return page(d, FM, "".join(f"一是**加强监测。**二是*完善*制度~~删~~。\n\n" for i in range(n)))
def body_ref_defs_unused(d, n):
    return page(d, FM, "".join(f"[r{i}]: javascript:x\n" for i in range(n)) + "\n正文\n")
def body_autolinks_bad(d, n):
    return page(d, FM, "".join(f"<javascript:alert({i})>\n\n" for i in range(n)))
def body_html_comments(d, n):
    return page(d, FM, "".join(f"<!-- c{i} -->\n\n" for i in range(n)))

# ---- front matter, separated ----
GUIDE_HEAD = "title: 指南\nsummary: s\ndomains: [老有所养]\naudiences: [老年人]\nindicators: [example-indicator]\nwhat_you_get: 东西\nhow_to_apply: [一步]\nwhere: {office: 办公室}\nlast_reviewed: 2026-01-01\n"
def fm_todo_list(d, n):
    return page(d, GUIDE_HEAD + "who_can_apply:\n" + "".join(f"  - 条件{i}待补充\n" for i in range(n)), PARA, "content/services/g.md")
def fm_escaped_list(d, n):
    return page(d, GUIDE_HEAD + "who_can_apply:\n" + "".join(f'  - "条件{i}\\x01"\n' for i in range(n)), PARA, "content/services/g.md")
def section_unknown_keys(d, n):
    return w(f"{d}/content/reports/_index.md", "---\ntitle: 报告\n" + "".join(f"foo{i}: 值\n" for i in range(n)) + "---\n\n正文\n")

# ---- indicator YAML ----
IND = "title: 指标\nquestion: 问题？\ndomain: 老有所养\nunit: 人\n"
def ind_series_ok(d, n):
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n" + "".join(f"  {1000+i}: {i}\n" for i in range(n)))
def ind_series_bad_period(d, n):
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n" + "".join(f"  时期{i}: {i}\n" for i in range(n)))
def ind_series_bad_value(d, n):
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n" + "".join(f"  {1000+i}: 1e300\n" for i in range(n)))
def ind_series_dup(d, n):
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n" + "".join(f"  2020: {i}\n" for i in range(n)))
def ind_districts_unknown(d, n):
    site = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", 'districts = ["甲区", "乙区"]\n' + site)
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n  2022: 5\ndistricts:\n" + "".join(f"  区{i}: {i}\n" for i in range(n)))
def ind_districts_ok_nolist(d, n):
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n  2022: 5\ndistricts:\n" + "".join(f"  区{i}: {i}\n" for i in range(n)))

# ---- indicator CSV ----
def _csv(d, rows, header="year,value\n"):
    w(f"{d}/content/indicators/example-indicator.yaml", IND)
    return w(f"{d}/content/indicators/example-indicator.csv", header + "".join(rows))
def csv_bad_numbers(d, n):
    return _csv(d, [f"{1000+i},abc{i}\n" for i in range(n)])
def csv_bad_periods(d, n):
    return _csv(d, [f"时期{i},{i}\n" for i in range(n)])
def csv_extra_cells(d, n):
    return _csv(d, [f"{1000+i},{i},x{i}\n" for i in range(n)])
def csv_few_cells(d, n):
    return _csv(d, [f"{1000+i}\n" for i in range(n)])
def csv_dup_periods(d, n):
    return _csv(d, [f"2020,{i}\n" for i in range(n)])
def csv_unknown_districts(d, n):
    site = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", 'districts = ["甲区", "乙区"]\n' + site)
    return _csv(d, ["2020,,1\n"] + [f"2020,区{i},{i}\n" for i in range(n)], "year,district,value\n")
def csv_bad_sample(d, n):
    return _csv(d, [f"{1000+i},{i},maybe{i}\n" for i in range(n)], "year,value,sample\n")
def csv_out_of_bounds(d, n):
    return _csv(d, [f"{1000+i},1e300\n" for i in range(n)])
def csv_many_columns_values(d, n):  # breakdown with n different values -> "at most" message; lines: col
    w(f"{d}/content/indicators/example-indicator.yaml", IND + "csv: {lines: Sex}\n")
    return w(f"{d}/content/indicators/example-indicator.csv", "year,Sex,value\n" + "".join(f"2020,s{i},{i}\n" for i in range(n)))
def csv_ok(d, n):
    return _csv(d, [f"{1000+i},{i}\n" for i in range(n)])

# ---- denominators ----
def _den(d, body):
    site = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", 'districts = ["甲区", "乙区"]\n' + site)
    return w(f"{d}/content/indicators/denominators/population.yaml", "title: 常住人口\nunit: 万人\nyear: 2022\n" + body)
def den_unknown_districts(d, n):
    return _den(d, "districts:\n" + "".join(f"  区{i}: {i+1}\n" for i in range(n)))
def den_negative(d, n):
    site = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", 'districts = [' + ",".join(f'"区{i}"' for i in range(n)) + ']\n' + site)
    return w(f"{d}/content/indicators/denominators/population.yaml", "title: 常住人口\nunit: 万人\nyear: 2022\ndistricts:\n" + "".join(f"  区{i}: -1\n" for i in range(n)))
def den_csv_bad(d, n):
    site = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", 'districts = ["甲区", "乙区"]\n' + site)
    w(f"{d}/content/indicators/denominators/population.yaml", "title: 常住人口\nunit: 万人\n")
    return w(f"{d}/content/indicators/denominators/population.csv", "year,district,value\n" + "".join(f"{1000+i},区{i},-{i}\n" for i in range(n)))

# ---- glossary ----
def gloss_dup(d, n):
    return w(f"{d}/content/glossary.yaml", "".join(f"- term: 词\n  plain: 解释{i}\n" for i in range(n)))
def gloss_noplain(d, n):
    return w(f"{d}/content/glossary.yaml", "".join(f"- term: 词{i}\n  plain: ''\n" for i in range(n)))
def gloss_alias_dup(d, n):
    return w(f"{d}/content/glossary.yaml", "".join(f"- term: 词{i}\n  plain: 解释\n  aliases: [同义]\n" for i in range(n)))
def gloss_ok(d, n):
    return w(f"{d}/content/glossary.yaml", "".join(f"- term: 词语{i}\n  plain: 解释\n" for i in range(n)))

# ---- site.toml ----
def toml_unknown_keys(d, n):
    site = open(f"{d}/site.toml").read()
    return w(f"{d}/site.toml", "".join(f"foo{i} = 1\n" for i in range(n)) + site)
def toml_bad_menu(d, n):
    site = open(f"{d}/site.toml").read()
    return w(f"{d}/site.toml", site + "".join(f'\n[[menu]]\nname = "m{i}"\nurl = "javascript:x{i}"\n' for i in range(n)))
def toml_bad_districts(d, n):
    site = open(f"{d}/site.toml").read()
    return w(f"{d}/site.toml", "districts = [\n" + "".join(f'  "区/{i}",\n' for i in range(n)) + "]\n" + site)
def toml_contact_unknown(d, n):
    site = open(f"{d}/site.toml").read()
    return w(f"{d}/site.toml", site.replace('[contact]\n', '[contact]\n' + "".join(f'foo{i} = "x"\n' for i in range(n))))
def toml_audiences(d, n):
    site = open(f"{d}/site.toml").read()
    return w(f"{d}/site.toml", site + "".join(f'\n[[audiences]]\nname = "人"\nslug = "con"\n' for i in range(n)))
def toml_phrases(d, n):  # many officialese phrases configured, one body
    site = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", site + "\n[check.phrases]\n" + "".join(f'"套话{i}" = "平话"\n' for i in range(n)))
    return page(d, FM, "".join(f"套话{i}。\n" for i in range(n)))

def body_dup_headings(d, n):
    return page(d, FM, "".join(f"## 标题\n\n正文。\n\n" for i in range(n)))
def body_dup_footnote_defs(d, n):
    return page(d, FM, "正文[^a]。\n\n" + "".join(f"[^a]: 来源{i}\n\n" for i in range(n)))
def tmpl_undefined_vars(d, n):
    return w(f"{d}/templates/page.html", "{% extends \"base.html\" %}{% block content %}" + "".join(f"{{{{ nosuch{i} }}}}\n" for i in range(n)) + "{% endblock %}")
def tmpl_syntax_late(d, n):
    return w(f"{d}/templates/page.html", "{% extends \"base.html\" %}{% block content %}" + "".join(f"<p>{{{{ page.title }}}}</p>\n" for i in range(n)) + "{% if %}{% endblock %}")
def gloss_terms_used(d, n):  # n glossary terms, a page using them all (not a mistake; cost check)
    w(f"{d}/content/glossary.yaml", "".join(f"- term: 词语{i}号\n  plain: 解释\n" for i in range(n)))
    return page(d, FM, "".join(f"词语{i}号。\n\n" for i in range(n)))
def toml_check_terms(d, n):  # n policy terms configured, page uses them all -> n undefined-term warnings
    site = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", site + "\n[check]\nterms = [" + ",".join(f'"术语{i}号"' for i in range(n)) + "]\n")
    return page(d, FM, "".join(f"术语{i}号。\n\n" for i in range(n)))

# ---- second survey ----
def _site_prepend(d, text):
    s = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", text + s)
def _site_append(d, text):
    s = open(f"{d}/site.toml").read()
    w(f"{d}/site.toml", s + text)

# ---- templates ----
BASE_PAGE = '{% extends "base.html" %}{% block content %}'
def tmpl_many_includes(d, n):
    return w(f"{d}/templates/page.html", BASE_PAGE + "".join('{% include "partials/contact.html" %}\n' for i in range(n)) + "{% endblock %}")
def tmpl_many_macros(d, n):
    defs = "".join(f"{{% macro m{i}(x) %}}<i>{{{{ x }}}}{i}</i>{{% endmacro m{i} %}}\n" for i in range(n))
    w(f"{d}/templates/macros.html", defs)
    # one file: macros AND calls in the same file via import self
    return w(f"{d}/templates/macros.html", defs)  # defined only; page.html calls them below
def tmpl_macros_called(d, n):
    defs = "".join(f"{{% macro m{i}(x) %}}<i>{{{{ x }}}}{i}</i>{{% endmacro m{i} %}}\n" for i in range(n))
    w(f"{d}/templates/macros.html", defs)
    return w(f"{d}/templates/page.html", '{% import "macros.html" as mm %}' + BASE_PAGE + "".join(f"{{{{ mm::m{i}(x=page.title) }}}}\n" for i in range(n)) + "{% endblock %}")
def tmpl_nested_ifs(d, n):
    return w(f"{d}/templates/page.html", BASE_PAGE + "{% if page.title %}" * n + "x" + "{% endif %}" * n + "{% endblock %}")
def tmpl_nested_for(d, n):
    return w(f"{d}/templates/page.html", BASE_PAGE + "".join(f"{{% for a{i} in [1] %}}" for i in range(n)) + "x" + "{% endfor %}" * n + "{% endblock %}")
def tmpl_unclosed_tags(d, n):
    return w(f"{d}/templates/page.html", BASE_PAGE + "{% if page.title %}\n" * n + "{% endblock %}")
def tmpl_many_blocks(d, n):
    return w(f"{d}/templates/page.html", BASE_PAGE + "".join(f"{{% block b{i} %}}{i}{{% endblock b{i} %}}\n" for i in range(n)) + "{% endblock %}")
def tmpl_deep_expr(d, n):
    return w(f"{d}/templates/page.html", BASE_PAGE + "{{ " + "(" * n + "1" + ")" * n + " }}{% endblock %}")
def tmpl_long_concat(d, n):
    return w(f"{d}/templates/page.html", BASE_PAGE + "{{ " + " ~ ".join("page.title" for i in range(n)) + " }}{% endblock %}")

# ---- indicator blocks ----
def body_indicator_blocks_similar(d, n):  # missing ids close to the real one (suggestions)
    return page(d, FM, "".join(f"```indicator\nid: example-indicatr{i}\n```\n\n" for i in range(n)))
def body_indicator_blocks_in_list(d, n):
    return page(d, FM, "".join(f"- 项{i}\n\n  ```indicator\n  id: nosuch{i}\n  ```\n" for i in range(n)))
def body_indicator_blocks_badchart(d, n):
    return page(d, FM, "".join(f"```indicator\nid: example-indicator\nchart: pie{i}\n```\n\n" for i in range(n)))

# ---- indicator CSV ----
def _ind(d, extra=""):
    w(f"{d}/content/indicators/example-indicator.yaml", IND + extra)
def csv_wide_bad_values(d, n):  # wide layout, one row, n period columns all with a bad value
    _ind(d)
    return w(f"{d}/content/indicators/example-indicator.csv", "项目," + ",".join("2020" for i in range(n)) + "\n全市," + ",".join("abc" for i in range(n)) + "\n")
def csv_wide_dup_periods(d, n):  # wide layout, one row, n columns with the same period
    _ind(d)
    return w(f"{d}/content/indicators/example-indicator.csv", "项目," + ",".join("2020" for i in range(n)) + "\n全市," + ",".join(str(i) for i in range(n)) + "\n")
def csv_wide_many_rows(d, n):  # wide layout, n rows (categories), 3 periods
    _ind(d)
    return w(f"{d}/content/indicators/example-indicator.csv", "项目,2020,2021,2022\n" + "".join(f"类{i},1,2,3\n" for i in range(n)))
def csv_breakdown_distinct(d, n):  # a breakdown column not drawn, n distinct values
    _ind(d)
    return w(f"{d}/content/indicators/example-indicator.csv", "年份,类别,数值\n" + "".join(f"2020,c{i},{i}\n" for i in range(n)))
def csv_many_columns(d, n):  # n extra breakdown columns, 3 rows
    _ind(d)
    hdr = "年份,数值," + ",".join(f"列{i}" for i in range(n)) + "\n"
    return w(f"{d}/content/indicators/example-indicator.csv", hdr + "".join(f"{2020+r},{r}," + ",".join("x" for i in range(n)) + "\n" for r in range(3)))
def csv_breakdown_districts_valid(d, n):  # n valid districts in site.toml (prepended) + csv with n rows
    _site_prepend(d, "districts = [" + ",".join(f'"区{i}"' for i in range(n)) + "]\n")
    _ind(d, "csv: {breakdown: 区县}\n")
    return w(f"{d}/content/indicators/example-indicator.csv", "年份,区县,数值\n2020,,1\n" + "".join(f"2020,区{i},{i}\n" for i in range(n)))
def csv_footnotes(d, n):  # footnote column, n rows distinct periods (months)
    _ind(d)
    rows = []
    i = 0
    for y in range(1950, 2100):
        for m in range(1, 13):
            if i >= n: break
            rows.append(f"{y}-{m:02d},{i},注{i}\n"); i += 1
    return w(f"{d}/content/indicators/example-indicator.csv", "时期,数值,备注\n" + "".join(rows))

# ---- footnotes / headings / tables ----
def body_footnotes_missing_oneline(d, n):
    return page(d, FM, "".join(f"文[^m{i}]" for i in range(n)) + "\n")
def body_footnote_defs_unused(d, n):
    return page(d, FM, "正文。\n\n" + "".join(f"[^d{i}]: 说明{i}\n" for i in range(n)))
def body_headings_same_attrs(d, n):
    return page(d, FM, "".join(f"## 标题 {{#same .c{i} data-x=y}}\n\n" for i in range(n)))
def body_headings_same_text_attrs(d, n):
    return page(d, FM, "".join(f"## 标题 {{.cls}}\n\n" for i in range(n)))
def body_headings_suffix_collide(d, n):  # explicit ids title-1..title-n first, then n plain "标题"
    return page(d, FM, "".join(f"## x {{#标题-{i+1}}}\n\n" for i in range(n)) + "".join("## 标题\n\n" for i in range(n)))
def body_huge_table(d, n):
    return page(d, FM, "| a |\n|---|\n" + "".join(f"| {i} |\n" for i in range(n)))
def body_wide_table(d, n):
    return page(d, FM, "|" + "a|" * n + "\n|" + "-|" * n + "\n|" + "1|" * n + "\n")

# ---- long single lines (size ~ n * unit) ----
def line_emph_star(d, n):
    return page(d, FM, "*a " * (n * 50) + "\n")
def line_emph_mixed(d, n):
    return page(d, FM, "**a*_b_~c~" * (n * 15) + "\n")
def line_emph_openers_only(d, n):  # openers never closed + one closer at the end
    return page(d, FM, "*中" * (n * 40) + "中*\n")
def line_emph_under_cjk(d, n):
    return page(d, FM, "中_文*字~" * (n * 10) + "\n")
def line_lt(d, n):
    return page(d, FM, "a<b " * (n * 50) + "\n")
def line_lt_tags(d, n):
    return page(d, FM, "<x" * (n * 50) + ">\n")
def line_amp(d, n):
    return page(d, FM, "&amp&lt;&#x" * (n * 15) + "\n")
def line_backslash(d, n):
    return page(d, FM, "\\" * (n * 150) + "*a*\n")
def line_backslash_star(d, n):
    return page(d, FM, "\\\\*" * (n * 50) + "\n")
def line_open_brackets(d, n):
    return page(d, FM, "[" * (n * 150) + "\n")
def line_brackets_paren(d, n):
    return page(d, FM, "[a](" * (n * 40) + "\n")
def line_close_brackets(d, n):
    return page(d, FM, "](" * (n * 75) + "\n")
def line_image_open(d, n):
    return page(d, FM, "![x" * (n * 50) + "\n")
def line_fullwidth_link_slips(d, n):
    return page(d, FM, "【申请表】(申请表.pdf)" * n + "\n")
def line_wiki_links(d, n):
    return page(d, FM, "".join(f"[[没有的页面{i}]]" for i in range(n)) + "\n")
def line_backticks(d, n):
    return page(d, FM, "`a``" * (n * 40) + "\n")
def line_placeholders(d, n):  # one paragraph, n placeholders, no parentheses
    return page(d, FM, "待补充。" * n + "\n")
def para_placeholders_lines(d, n):  # one paragraph of n lines
    return page(d, FM, "".join(f"第{i}行待补充。\n" for i in range(n)))
def line_ascii_punct(d, n):
    return page(d, FM, "中,文" * (n * 20) + "\n")
def line_long_sentence_units(d, n):
    return page(d, FM, "这个" * (n * 30) + "\n")

# ---- nesting ----
def nest_blockquote(d, n):
    return page(d, FM, ">" * n + " 深\n")
def nest_list(d, n):
    return page(d, FM, "".join("  " * i + "- 项\n" for i in range(n)))
def nest_list_markers_oneline(d, n):
    return page(d, FM, "- " * n + "项\n")
def nest_bq_list(d, n):
    return page(d, FM, "> - " * n + "项\n")

# ---- front matter ----
def fm_valid_audiences_repeat(d, n):
    return page(d, FM + "audiences:\n" + "  - 老年人\n" * n, PARA)
def fm_valid_domains_repeat(d, n):
    return page(d, FM + "domains:\n" + "  - 老有所养\n" * n, PARA)
def fm_valid_indicators_repeat(d, n):
    return page(d, FM + "indicators:\n" + "  - example-indicator\n" * n, PARA)
def fm_long_inline_list(d, n):
    return page(d, FM + "audiences: [" + ", ".join(f"人群{i}" for i in range(n)) + "]\n", PARA)

# ---- glossary ----
def gloss_prefix_terms(d, n):  # n terms 民, 民民, ... (size ~ 1.5 n^2 bytes; keep n <= ~2300)
    m = n // 20
    w(f"{d}/content/glossary.yaml", "".join(f"- term: {'民' * k}\n  plain: 解释{k}\n" for k in range(1, m + 1)))
    return page(d, FM, "民" * n + "\n")
def gloss_prefix_aliases(d, n):  # one term with n aliases a, aa, aaa..., page of many a's
    m = n // 15
    w(f"{d}/content/glossary.yaml", "- term: 词\n  plain: 解释\n  aliases: [" + ", ".join("a" * k for k in range(1, m + 1)) + "]\n")
    return page(d, FM, ("a" * (m + 1) + " ") * 500 + "\n")
def gloss_terms_one_para(d, n):  # n distinct terms, all used in ONE paragraph
    w(f"{d}/content/glossary.yaml", "".join(f"- term: 词语{i}号\n  plain: 解释\n" for i in range(n)))
    return page(d, FM, "".join(f"词语{i}号，" for i in range(n)) + "\n")

# ---- site.toml ----
def toml_events_used(d, n):
    _site_append(d, "".join(f'\n[[events]]\nname = "事件{i}"\nslug = "e{i}"\n' for i in range(n)))
    return page(d, GUIDE_HEAD + "who_can_apply: [人]\nevents:\n" + "".join(f"  - 事件{i}\n" for i in range(n)), PARA, "content/services/g.md")
def toml_phrases_one_para(d, n):
    _site_append(d, "\n[check.phrases]\n" + "".join(f'"套话{i}号" = "平话"\n' for i in range(n)))
    return page(d, FM, "".join(f"套话{i}号，" for i in range(n)) + "\n")
def toml_terms_unused_many_paras(d, n):  # n [check] terms, n paragraphs that use none
    _site_append(d, "\n[check]\nterms = [" + ",".join(f'"术语{i}号"' for i in range(n)) + "]\n")
    return page(d, FM, "正文。\n\n" * n)
def toml_districts_tab(d, n):  # n bad districts with an escaped tab
    return _site_prepend(d, "districts = [\n" + "".join(f'  "区\\t{i}",\n' for i in range(n)) + "]\n") or f"{d}/site.toml"
def toml_reserved_districts_oneline(d, n):
    return _site_prepend(d, "districts = [" + ",".join(f'"con.{i}"' for i in range(n)) + "]\n") or f"{d}/site.toml"
def toml_menu_many(d, n):  # valid menu entries
    return _site_append(d, "".join(f'\n[[menu]]\nname = "m{i}"\nurl = "/p{i}/"\n' for i in range(n))) or f"{d}/site.toml"

# ---- static svg / css ----
def static_svg_big(d, n):
    return w(f"{d}/static/big.svg", '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(f'<rect x="{i}" y="1" width="1" height="1" fill="red"/>' for i in range(n)) + "</svg>\n")
def static_svg_nested(d, n):
    return w(f"{d}/static/deep.svg", '<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * n + "</g>" * n + "</svg>\n")
def static_svg_style(d, n):
    return w(f"{d}/static/style.svg", '<svg xmlns="http://www.w3.org/2000/svg"><style>' + "".join(f".c{i}{{fill:red}}" for i in range(n)) + "</style></svg>\n")
def static_svg_bad_late(d, n):
    return w(f"{d}/static/late.svg", '<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * n + '<rect onclick="x"/>' + "</g>" * n + "</svg>\n")

# ---- templates, fixed to the theme's block name `main` and tera 2 components ----
MAIN = '{% extends "base.html" %}{% block main %}'
def tmplm_includes(d, n):
    return w(f"{d}/templates/page.html", MAIN + "".join('{% include "partials/contact.html" %}\n' for i in range(n)) + "{% endblock main %}")
def tmplm_blocks(d, n):
    return w(f"{d}/templates/page.html", MAIN + "".join(f"{{% block b{i} %}}{i}{{% endblock b{i} %}}\n" for i in range(n)) + "{% endblock main %}")
def tmplm_components_called(d, n):
    w(f"{d}/templates/comps.html", "".join(f"{{% component c{i}(x) %}}<i>{{{{ x }}}}{i}</i>{{% endcomponent c{i} %}}\n" for i in range(n)))
    return w(f"{d}/templates/page.html", MAIN + "".join(f"{{{{ <c{i} x={{page.title}} /> }}}}\n" for i in range(n)) + "{% endblock main %}")
def tmplm_components_defined(d, n):
    return w(f"{d}/templates/comps.html", "".join(f"{{% component c{i}(x) %}}<i>{{{{ x }}}}{i}</i>{{% endcomponent c{i} %}}\n" for i in range(n)))
def tmplm_undefined(d, n):
    return w(f"{d}/templates/page.html", MAIN + "".join(f"{{{{ nosuch{i} }}}}\n" for i in range(n)) + "{% endblock main %}")
def tmplm_if_siblings(d, n):
    return w(f"{d}/templates/page.html", MAIN + "".join("{% if page.title %}<b>{{ page.title }}</b>{% endif %}\n" for i in range(n)) + "{% endblock main %}")
def tmplm_set_chain(d, n):
    return w(f"{d}/templates/page.html", MAIN + '{% set v0 = "a" %}' + "".join(f"{{% set v{i+1} = v{i} ~ \"a\" %}}" for i in range(n)) + "{{ v%d | length }}{%% endblock main %%}" % n)

# ---- many site districts (site.toml list) meeting one indicator/denominator file with as many districts ----
def _districts(d, n, fmt="区{i}"):
    _site_prepend(d, "districts = [" + ",".join('"' + fmt.format(i=i) + '"' for i in range(n)) + "]\n")
def ind_yaml_districts_valid_sitelist(d, n):
    _districts(d, n)
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n  2022: 5\ndistricts:\n" + "".join(f"  区{i}: {i+1}\n" for i in range(n)))
def ind_yaml_districts_unknown_sitelist(d, n):
    _districts(d, n)
    return w(f"{d}/content/indicators/example-indicator.yaml", IND + "series:\n  2022: 5\ndistricts:\n" + "".join(f"  县{i}: {i+1}\n" for i in range(n)))
def csv_unknown_districts_sitelist(d, n):
    _districts(d, n)
    _ind(d)
    return w(f"{d}/content/indicators/example-indicator.csv", "年份,区县,数值\n2020,,1\n" + "".join(f"2020,县{i},{i}\n" for i in range(n)))
def den_valid_sitelist(d, n):
    _districts(d, n)
    return w(f"{d}/content/indicators/denominators/population.yaml", "title: 常住人口\nunit: 万人\nyear: 2022\ndistricts:\n" + "".join(f"  区{i}: {i+1}\n" for i in range(n)))
