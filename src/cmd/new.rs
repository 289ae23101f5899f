//! `minsheng new DIR`: a small working site with the default theme, from files
//! embedded in the binary, so it works with no repository around it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::output::confined_join;
use crate::theme;

const SITE_TOML: &str = r#"# 网站设置 · Site settings
title = "我的城市民生服务"
description = "用平常话说清楚：您能得到哪些公共服务、城市做得怎么样、怎样申请。"
language = "zh-CN"
theme = "default"
# The public address, needed only for the sitemap and feed:
# base_url = "https://minsheng.example.gov.cn/"

[contact]
name = "政务服务便民热线"
hotline = "12345"
email = "minsheng@example.gov.cn"
address = "(请填写接待地址)"
hours = "每天 8:00–20:00"

# 政府网站的规范信息：填了才显示（页脚和页面元数据 SiteName、SiteIDCode、ColumnName……）。
# Government-site conventions, shown when set. Addresses: http(s), mailto or tel.
# [gov]
# sponsor = "××市人民政府办公室"          # 主办单位
# operator = ""                          # 承办单位
# site_code = "0000000000"               # 网站标识码
# icp = "×ICP备00000000号"               # ICP备案号（链接到 https://beian.miit.gov.cn/）
# police = "×公网安备 00000000000000号"   # 公安机关备案号
# police_url = "https://beian.mps.gov.cn/"
# report_url = "https://www.example.gov.cn/jiucuo/"   # 网站纠错
# source = ""                            # 页面元数据 ContentSource（默认为主办单位）
"#;

/// What git should not keep: the built site and the tool's cache of picture copies.
const GITIGNORE: &str = "# 生成的网站和图片缓存，不用放进版本库\n/public/\n/.minsheng/\n";

const HOME: &str = r#"---
title: 首页
---

这个网站用平常话告诉您：您能得到哪些公共服务，城市做得怎么样，怎样申请。
"#;

const REPORTS_INDEX: &str = r#"---
title: 民生报告
description: 政府和政协关于民生工作的报告。
---
"#;

const FIRST_REPORT: &str = r#"---
title: 第一篇报告
date: 2026-01-01
summary: 这是一篇示例报告，请替换为真实内容。
domains: [老有所养]
editor: (编辑姓名)
---

这是一篇示例报告。**请替换为真实内容。**

## 小标题

正文可以使用 Markdown：列表、表格、链接都可以。
"#;

const SERVICES_INDEX: &str = r#"---
title: 办事指南
description: 您能得到哪些服务、谁能申请、怎样申请。
sort_by: weight
template: finder.html
---
"#;

const GUIDE: &str = r#"---
title: 示例服务指南
summary: 一句话说清楚这项服务给谁、给什么。
audiences: [老年人]
events: [年纪大了]
domains: [老有所养]
indicators: [example-indicator]
sample: true
what_you_get: (写清楚能得到什么)
who_can_apply:
  - (第一个条件)
how_to_apply:
  - (第一步)
  - (第二步)
documents:
  - 身份证
where:
  office: (办理地点)
  phone: "12345"
cost: 免费
last_reviewed: 2026-01-01
---

这是示例指南：前面的几项会按固定顺序显示，这里可以写补充说明。
"#;

const INDICATOR: &str = r#"title: 示例指标
question: 这项指标回答什么问题？
domain: 老有所养
unit: 人
sample: true
target: {value: 120, year: 2025}
series:
  2021: 90
  2022: 100
  2023: 108
notes: 示例数据，请替换为真实数字和来源。
"#;

const GLOSSARY: &str = r#"# 词语解释：每一页第一次出现的词会自动加上解释。
- term: 普惠托育
  plain: 政府支持、收费比市场价低的托育服务。
"#;

/// Creates the site in `dir`, which must not exist or be empty.
pub fn run(dir: &Path) -> Result<Vec<String>> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            let d = dir.display();
            return Err(Error::Refused(crate::t!(
                "{d} 里已经有文件：minsheng new 只在新的或空的文件夹里建网站",
                "{d} is not empty: `minsheng new` only creates a site in a new or empty folder"
            )));
        }
    }
    let mut files: Vec<(String, &str)> = vec![
        ("site.toml".into(), SITE_TOML),
        (".gitignore".into(), GITIGNORE),
        ("content/_index.md".into(), HOME),
        ("content/reports/_index.md".into(), REPORTS_INDEX),
        ("content/reports/first-report.md".into(), FIRST_REPORT),
        ("content/services/_index.md".into(), SERVICES_INDEX),
        ("content/services/example-guide.md".into(), GUIDE),
        (
            "content/indicators/example-indicator.yaml".into(),
            INDICATOR,
        ),
        ("content/glossary.yaml".into(), GLOSSARY),
    ];
    for (rel, text) in theme::DEFAULT_FILES {
        files.push((format!("themes/{}/{rel}", theme::DEFAULT_NAME), text));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = confined_join(dir, &rel)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(rel);
    }
    Ok(written)
}
