//! The Chinese words of the messages about indicator files, their data files,
//! denominators, the glossary, links and indicator blocks of pages, and content
//! files: one case per kind of mistake, its message and hint pinned as an editor
//! reads them (the English words are pinned by the tests of each area).

use minsheng::msg::Lang;

use crate::support::{render_in, SiteTest};

const SITE: &str =
    "title = \"t\"\nbase_url = \"https://e.org/\"\ndistricts = [\"京口区\", \"润州区\"]\n";

/// A minimal indicator file, before the lines a case adds.
const IND: &str = "title: 甲\ndomain: 老有所养\nunit: 人\n";

/// The diagnostics (errors and warnings) of building `files`, shown in Chinese.
fn zh(files: &[(&str, &str)]) -> String {
    let mut site = SiteTest::new().file("site.toml", SITE);
    for (p, t) in files {
        site = site.file(p, t);
    }
    render_in(&site.build().diagnostics, Lang::Zh)
}

fn ind(extra: &str) -> String {
    format!("{IND}{extra}")
}

fn page(body: &str) -> String {
    format!("---\ntitle: 页\n---\n{body}\n")
}

fn page_titled(title: &str) -> String {
    format!("---\ntitle: {title}\n---\n正文。\n")
}

/// Each case: the files, then what the editor reads (message, line, hint).
fn cases() -> Vec<(Vec<(&'static str, String)>, &'static str)> {
    let y = "content/indicators/x.yaml";
    let c = "content/indicators/x.csv";
    vec![
        // Keyboard slips in a data file are named where they are (the parser
        // blamed the line after, for quotes and brackets).
        (
            vec![(y, "title: 甲\nquestion：这项指标回答什么问题？\ndomain: 老有所养\nunit: 人\n".into())],
            "content/indicators/x.yaml:2:9: 错误：第 2 行第 9 列用了全角冒号“：”，请改成半角冒号加空格“: ”\n 2 | question：这项指标回答什么问题？\n   |         ^\n  = 怎么改：写成 question: 内容（切换到英文输入法打冒号，冒号后空一格）\n",
        ),
        (
            vec![(y, "title: 甲\ndomain: 老有所养\nunit:人\nsample: true\n".into())],
            "content/indicators/x.yaml:3:5: 错误：第 3 行第 5 列的冒号后面少了一个空格\n 3 | unit:人\n   |     ^\n  = 怎么改：写成 unit: 内容（切换到英文输入法打冒号，冒号后空一格）\n",
        ),
        (
            vec![("content/glossary.yaml", "- term: 普惠托育\n  plain: 政府支持的托育服务。\n- term: 医养结合\n  plain： 医疗和养老结合\n".into())],
            "content/glossary.yaml:4:8: 错误：第 4 行第 8 列用了全角冒号“：”，请改成半角冒号加空格“: ”\n 4 |   plain： 医疗和养老结合\n   |        ^\n  = 怎么改：写成 plain: 内容（切换到英文输入法打冒号，冒号后空一格）\n",
        ),
        (
            vec![(y, "title: 甲\ndomain: 养老\nunit: 人\n".into())],
            "content/indicators/x.yaml:2:9: 错误：“养老”不是 13 个民生领域之一\n 2 | domain: 养老\n   |         ^\n  = 怎么改：写其中一个：幼有所育、学有所教、劳有所得、病有所医、老有所养、逝有所安、住有所居、弱有所扶、行有所畅、环境友好、优军服务保障、文体服务保障、公共安全保障\n",
        ),
        (
            vec![(y, ind("series:\n  2021: 10\n  2022: 十二\n"))],
            "content/indicators/x.yaml:6:9: 错误：“series” 下的 “2022”写的“十二”不对：这里要写一个数字\n 6 |   2022: 十二\n   |         ^\n  = 怎么改：数字不带单位、不带千位分隔符，例如 34.1\n",
        ),
        (vec![(y, ind("series:\n  2021: 10\n  2021: 12\n"))], "content/indicators/x.yaml:6:3: 错误：2021 年写了两次\n 6 |   2021: 12\n   |   ^\n  = 怎么改：每年（每个时期）只写一个数值，删掉多余的一行\n"),
        (vec![(y, ind("colour: red\n"))], "content/indicators/x.yaml:4:1: 错误：指标文件里有不认识的设置“colour”\n 4 | colour: red\n   | ^\n  = 怎么改：检查拼写；可以写的设置有：id、title、question、domain、unit、direction、decimals、target、rank、source、source_url、notes、sample、series、districts、districts_year、districts_sample、csv、denominator\n"),
        (vec![(y, "domain: 老有所养\nunit: 人\n".into())], "content/indicators/x.yaml:1:1: 错误：指标文件缺少设置“title”\n 1 | domain: 老有所养\n   | ^\n  = 怎么改：加一行“title: …”；每个指标至少要写 title（名称）、domain（领域）和 unit（单位）\n"),
        (vec![(y, ind("target: {value: 3}\n"))], "content/indicators/x.yaml:4:9: 错误：目标（target）没有写年份\n 4 | target: {value: 3}\n   |         ^\n  = 怎么改：写上目标是哪一年的，例如 target: {value: 36, year: 2025}\n"),
        (vec![(y, "title: 甲\ndomain: 老有所养\n".into())], "content/indicators/x.yaml:1:8: 错误：这个指标没有写单位（unit）\n 1 | title: 甲\n   |        ^\n  = 怎么改：加一行 unit:，例如 unit: 万人（或 %、家、户）\n"),
        (
            vec![(y, ind("districts:\n  京口区: 1\n  润洲区: 2\n"))],
            "content/indicators/x.yaml:6:3: 错误：“润洲区”不是本站的区县\n 6 |   润洲区: 2\n   |   ^\n  = 怎么改：写其中一个：京口区、润州区（区县名单在 site.toml 的 districts 里；错别字请改正，新区县请先加到名单里）\n",
        ),
        (vec![(y, ind("decimals: -1\n"))], "content/indicators/x.yaml:4:11: 错误：“decimals”写的“-1”不对：这里要写一个整数\n 4 | decimals: -1\n   |           ^\n  = 怎么改：写不带小数点的整数，例如 2025 或 1\n"),
        (vec![(y, ind("direction: 升高\n"))], "content/indicators/x.yaml:4:12: 错误：“direction”不能写“升高”\n 4 | direction: 升高\n   |            ^\n  = 怎么改：可以写的有：up（数值越高越好）、down（数值越低越好）\n"),
        (vec![(y, ind("id: a b\n"))], "content/indicators/x.yaml:4:5: 错误：指标编号“a b”只能用字母、数字、- 和 _\n 4 | id: a b\n   |     ^\n  = 怎么改：改文件名，或在指标文件里写 id:，例如 id: elderly-health-checks\n"),
        (vec![(y, ind("source: 市统计局 #2024年报\n"))], "content/indicators/x.yaml:4:14: 错误：第 4 行第 14 列的“#”前面有空格，从“#”到行尾会被当成注释丢掉，内容只剩“市统计局”\n 4 | source: 市统计局 #2024年报\n   |                  ^\n  = 怎么改：要保留“#”后面的字，就把整段内容放进英文双引号里：source: \"市统计局 #2024年报\"\n"),
        (vec![(y, ind("series:\n  2021: 1e20\n"))], "content/indicators/x.yaml:5:3: 错误：1e20 太大了，显示不了（最大是 1e15）\n 5 |   2021: 1e20\n   |   ^\n  = 怎么改：检查这个数：年份写四位数（例如 2022），数值写普通的数字，不能大于 1000000000000000\n"),
        (
            vec![(
                y,
                ind("denominator: pop\nseries: {2022: 3}\ndistricts:\n  京口区: 1\n"),
            )],
            "content/indicators/x.yaml:4:14: 错误：没有编号为“pop”的分母\n 4 | denominator: pop\n   |              ^\n  = 怎么改：分母是 content/indicators/denominators/ 里的文件：新建 content/indicators/denominators/pop.yaml，写上 title、unit、year 和 districts\n",
        ),
        (
            vec![
                (y, ind("csv: {city: 全市}\n")),
                (
                    c,
                    "地区,2023年,2022年\n全市,5,4\n京口区,3.9,3\n润洲区,5,4\n".into(),
                ),
            ],
            "content/indicators/x.csv:4:1: 错误：“润洲区”不是本站的区县\n 4 | 润洲区,5,4\n   | ^\n  = 怎么改：写其中一个：京口区、润州区（区县名单在 site.toml 的 districts 里；错别字请改正，新区县请先加到名单里）\n",
        ),
        (
            vec![(y, IND.into()), (c, "年份,数值\n2021,十\n".into())],
            "content/indicators/x.csv:2:6: 错误：“十”不是数字\n 2 | 2021,十\n   |      ^\n  = 怎么改：数字不带单位、不带千位分隔符（逗号），例如 34.1\n",
        ),
        // A figure not published: the guide says to leave the cell empty.
        (
            vec![
                (y, ind("csv: {city: 全市}\n")),
                (
                    c,
                    "地区,2023年,2022年\n全市,31.5,30.6\n京口区,—,4.8\n润州区,3.9,3.8\n".into(),
                ),
            ],
            "content/indicators/x.csv:3:5: 错误：“—”不是数字：没有公布的数字请留空\n 3 | 京口区,—,4.8\n   |        ^\n  = 怎么改：把“—”删掉，这一格什么也不写（页面上这一期就没有数）\n",
        ),
        (
            vec![(y, ind("csv: {city: 全市}\n")), (c, "地区,2023年,2022年\n全市,31.5,30.6\n京口区,/,4.8\n润州区,无,3.8\n".into())],
            "content/indicators/x.csv:3:5: 错误：“/”不是数字：没有公布的数字请留空（同样的问题共有 2 行，第 3–4 行）\n 3 | 京口区,/,4.8\n   |        ^\n  = 怎么改：把“/”删掉，这一格什么也不写（页面上这一期就没有数）\n",
        ),
        // In our own year,value layout an empty value is an error: the row goes.
        (
            vec![(y, IND.into()), (c, "year,value\n2021,-\n2022,3\n".into())],
            "content/indicators/x.csv:2:6: 错误：“-”不是数字：没有公布的年份不要写这一行\n 2 | 2021,-\n   |      ^\n  = 怎么改：把这一行整行删掉（页面上这一期就没有数）\n",
        ),
        (
            vec![(y, IND.into()), (c, "年份,数值\n2021,５．０\n".into())],
            "content/indicators/x.csv:2:6: 错误：“５．０”是全角数字\n 2 | 2021,５．０\n   |      ^\n  = 怎么改：切换到半角（英文）输入法，写成 5.0\n",
        ),
        // A header typed with the Chinese input method over data pasted from Excel.
        (
            vec![(y, IND.into()), (c, "年份，数值\n2021,90\n2022,100\n".into())],
            "content/indicators/x.csv:1:1: 错误：表头这一行是用全角逗号“，”隔开的，下面的数据用的是半角逗号“,”，所以表头被当成了标题\n 1 | 年份，数值\n   | ^\n  = 怎么改：把表头里的全角逗号“，”换成半角逗号“,”：年份,数值\n",
        ),
        (
            vec![(y, IND.into()), (c, "年份、数值\n2021、90\n2022、100\n".into())],
            "content/indicators/x.csv:1:1: 错误：这个数据文件的各列是用顿号“、”隔开的，程序只认半角逗号“,”，所以整行被当成了一列\n 1 | 年份、数值\n   | ^\n  = 怎么改：在 Excel 里“另存为”，类型选“CSV UTF-8（逗号分隔）”；或把顿号“、”都换成半角逗号“,”\n",
        ),
        (
            vec![(y, IND.into()), (c, "年份,数值\n2021,1,5\n".into())],
            "content/indicators/x.csv:2:6: 错误：这一行有 3 格，但表头有 2 列\n 2 | 2021,1,5\n   |      ^\n  = 怎么改：“1,5”多半是数字 1.5，小数点写成了逗号：改成 1.5；如果是千位分隔符，删掉逗号（或把这一格用英文双引号括起来：\"1,5\"）\n",
        ),
        (
            vec![(y, IND.into()), (c, "名称,数值\n甲,1\n".into())],
            "content/indicators/x.csv:1:1: 错误：数据文件要有一列年份（时期）和一列数值\n 1 | 名称,数值\n   | ^\n  = 怎么改：把表头写成例如“年份”和“数值”；现在的列有：名称、数值\n",
        ),
        (
            vec![(y, IND.into()), (c, "年份,数值\n去年,1\n".into())],
            "content/indicators/x.csv:2:1: 错误：“去年”不是年份或时期\n 2 | 去年,1\n   | ^\n  = 怎么改：照发布单位的写法写年份或时期：2024、2024年、2024 Q1、2024年3月、2000/01（财政年度或学年）、1984-1988（几年合计）\n",
        ),
        (
            vec![
                (y, ind("csv: {select: {性别: 男}}\n")),
                (c, "年份,数值\n2021,1\n".into()),
            ],
            "content/indicators/x.csv:1:1: 错误：数据文件里没有“性别”这一列\n 1 | 年份,数值\n   | ^\n  = 怎么改：数据文件的列有：年份、数值（检查 csv: 里写的列名，要和表头一字不差）\n",
        ),
        (vec![(c, "年份,数值\n2021,1\n".into())], "content/indicators/x.csv: 错误：这个数据文件旁边没有指标文件（.yaml）\n  = 怎么改：在同一个文件夹里新建 x.yaml，至少写 title（名称）、domain（领域）和 unit（单位）\n"),
        (vec![("content/a.md", page("请下载【申请表】（@/a.md）。"))], "content/a.md:4:4: 提醒：“申请表”不会变成链接：链接要用英文半角的方括号和圆括号，两部分紧挨着\n 4 | 请下载【申请表】（@/a.md）。\n   |       ^\n  = 怎么改：切换到英文输入法，写成 [申请表](@/a.md)\n"),
        (vec![("content/a.md", page("[办事](nowhere.md)"))], "content/a.md:4:1: 错误：链接的页面不存在：“nowhere.md”（找的是 content/nowhere.md）\n 4 | [办事](nowhere.md)\n   | ^\n  = 怎么改：检查文件名和文件夹；链接从本文件所在位置写起，例如 ../services/elderly-health-check.md，或从 content 文件夹写起，例如 @/services/elderly-health-check.md\n"),
        (
            vec![
                ("content/a.md", page("见[[免费体检]]。")),
                ("content/free-check.md", page_titled("免费体检")),
            ],
            "content/a.md:4:2: 错误：“[[免费体检]]”不会变成链接：链接要写页面的文件名，不能只写标题\n 4 | 见[[免费体检]]。\n   |   ^\n  = 怎么改：标题是“免费体检”的页面是 content/free-check.md，写成 [免费体检](@/free-check.md)\n",
        ),
        (
            vec![
                ("content/a.md", page("见[[免费体验]]，不是`[[代码]]`也不是\\[\\[转义]]或[[1]]。")),
                ("content/free-check.md", page_titled("免费体检")),
            ],
            "content/a.md:4:2: 错误：“[[免费体验]]”不会变成链接，而且没有标题是“免费体验”的页面\n 4 | 见[[免费体验]]，不是`[[代码]]`也不是\\[\\[转义]]或[[1]]。\n   |   ^\n  = 怎么改：是不是想链接到 content/free-check.md？写成 [免费体验](@/free-check.md)\n",
        ),
        (
            vec![("content/a.md", page("[点我](javascript:alert(1))"))],
            "content/a.md:4:1: 错误：链接地址“javascript:alert(1)”不能用：不能用以“javascript:”开头的地址；请用 http、https、mailto 或 tel 开头的地址，或本网站内的路径\n 4 | [点我](javascript:alert(1))\n   | ^\n  = 怎么改：链接到本网站的页面，或以 http(s):// 开头的网址；邮箱写 mailto:，电话写 tel:\n",
        ),
        (
            vec![
                (y, ind("series: {2021: 1}\n")),
                ("content/a.md", page("```indicator\nid: nope\n```")),
            ],
            "content/a.md:5:5: 错误：没有编号为“nope”的指标\n 5 | id: nope\n   |     ^\n  = 怎么改：指标是 content/indicators/ 里的文件；现有的指标编号：x\n",
        ),
        (
            vec![(y, ind("")), (c, "年份，数值\n2021，5\n2022，6\n".into())],
            "content/indicators/x.csv:1:1: 错误：这个数据文件的各列是用全角逗号“，”隔开的，程序只认半角逗号“,”，所以整行被当成了一列\n 1 | 年份，数值\n   | ^\n  = 怎么改：在 Excel 里“另存为”，类型选“CSV UTF-8（逗号分隔）”；或把全角逗号“，”都换成半角逗号“,”\n",
        ),
        (
            vec![("content/a.md", page("第一段。\n\n    二是完善制度，落实责任。\n"))],
            "content/a.md:6:1: 提醒：这一段前面有 4 个空格（或 Tab），会显示成不换行的代码框，在手机上会超出屏幕\n 6 |     二是完善制度，落实责任。\n   | ^\n  = 怎么改：删掉段落开头的空格：网页会自己排版，段落之间空一行就行\n",
        ),
        (
            vec![
                ("content/indicators/elderly-care.yaml", ind("series: {2021: 1}\n")),
                ("content/a.md", page("```indicator\nid: elderly-car\n```")),
            ],
            "content/a.md:5:5: 错误：没有编号为“elderly-car”的指标\n 5 | id: elderly-car\n   |     ^\n  = 怎么改：是不是要写“elderly-care”？指标编号就是 content/indicators/ 里文件的名字（不带 .yaml）\n",
        ),
        (
            vec![
                (y, ind("series: {2021: 1}\n")),
                ("content/a.md", page("```indicator\nid: x\nchart: pie\n```")),
            ],
            "content/a.md:6:8: 错误：没有“pie”这种图\n 6 | chart: pie\n   |        ^\n  = 怎么改：chart: 后面写 line（折线图）、bars（各区县柱状图）、progress（目标进度）或 sparkline（小折线）\n",
        ),
        (
            vec![
                (y, ind("series: {2021: 1}\n")),
                ("content/a.md", page("```indicator\nx\n```")),
            ],
            "content/a.md:5:1: 错误：指标块（```indicator）写的“x”不对：这里要写几行“名称: 值”的设置\n 5 | x\n   | ^\n  = 怎么改：每项一行，写成“名称: 值”，冒号用英文冒号，后面空一格，例如 id: elderly-care。指标块里每项一行，例如：id: elderly-care（指标编号），chart: line（图的样式：line、bars、progress 或 sparkline），caption: 图的标题\n",
        ),
        (
            vec![
                (y, ind("series: {2021: 1}\n")),
                ("content/a.md", page("```indicator\nid: x\ncolor: red\n```")),
            ],
            "content/a.md:6:1: 错误：指标块（```indicator）里有不认识的设置“color”\n 6 | color: red\n   | ^\n  = 怎么改：检查拼写；可以写的设置有：id、chart、caption。指标块里每项一行，例如：id: elderly-care（指标编号），chart: line（图的样式：line、bars、progress 或 sparkline），caption: 图的标题\n",
        ),
        (vec![("content/a.md", page("<b>粗</b>"))], "content/a.md:4:1: 提醒：正文里的 HTML 代码会原样显示成文字，不会起作用\n 4 | <b>粗</b>\n   | ^\n  = 怎么改：改用 Markdown 的写法（**加粗**、[链接](地址)、- 列表）；site.toml 里的 raw_html = \"allow\" 会让代码起作用，但只有每位编辑都完全可信时才安全\n"),
        // Ten other lines at most, with the count.
        (vec![("content/a.md", page("<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>\n\n<i>斜</i>"))], "content/a.md:4:1: 提醒：正文里的 HTML 代码会原样显示成文字，不会起作用（这一页另有 11 处，如第 6、8、10、12、14、16、18、20、22、24 行）\n 4 | <i>斜</i>\n   | ^\n  = 怎么改：改用 Markdown 的写法（**加粗**、[链接](地址)、- 列表）；site.toml 里的 raw_html = \"allow\" 会让代码起作用，但只有每位编辑都完全可信时才安全\n"),
        // Told once a page, at the first, with the lines of the others.
        (vec![("content/a.md", page("<b>粗</b>\n\n正文\n\n<i>斜</i> 和 <u>下划线</u>"))], "content/a.md:4:1: 提醒：正文里的 HTML 代码会原样显示成文字，不会起作用（这一页还有：第 8 行）\n 4 | <b>粗</b>\n   | ^\n  = 怎么改：改用 Markdown 的写法（**加粗**、[链接](地址)、- 列表）；site.toml 里的 raw_html = \"allow\" 会让代码起作用，但只有每位编辑都完全可信时才安全\n"),
        (vec![("content/通知.md.txt", page("正文"))], "content/通知.md.txt: 提醒：文件名以 .md.txt 结尾（记事本保存时自动加了 .txt），这个文件不会被当作 .md 文件读取\n  = 怎么改：把文件改名为 通知.md：在资源管理器里先勾选“查看 → 文件扩展名”再改名；以后用记事本保存时，“保存类型”选“所有文件”\n"),
        (
            vec![(
                "content/glossary.yaml",
                "- term: 低保\n  plain: 最低生活保障\n- term: 低保\n  plain: 同上\n".into(),
            )],
            "content/glossary.yaml:3:3: 错误：术语表里“低保”写了两次\n 3 | - term: 低保\n   |   ^\n  = 怎么改：每个词语只留一个词条，删掉多余的\n",
        ),
        (
            vec![(y, ind("")), (c, "年份,数值（万人）\n2021,10\n".into())],
            "content/indicators/x.yaml:3:7: 错误：这里写的单位是“人”，但数据文件的数值列“数值（万人）”写的单位是“万人”\n 3 | unit: 人\n   |       ^\n  = 怎么改：两处写成同一个单位：数据里的数是按哪个单位记的，就写哪个（也可以删掉这一行 unit:，用表头里的单位）\n",
        ),
        (
            // A term inside an earlier one, or inside an explanation, is not it.
            vec![(
                "content/glossary.yaml",
                "- term: 低保边缘\n  plain: 收入略高于低保的家庭\n- plain: 最低生活保障\n  term: 低保\n- term: 低保\n  plain: 同上\n".into(),
            )],
            "content/glossary.yaml:5:3: 错误：术语表里“低保”写了两次\n 5 | - term: 低保\n   |   ^\n  = 怎么改：每个词语只留一个词条，删掉多余的\n",
        ),
        (
            vec![(
                "content/glossary.yaml",
                "- {term: 低保边缘, plain: 略高于低保}\n- term: 低保\n  plain: \"\"\n".into(),
            )],
            "content/glossary.yaml:3:3: 错误：术语表的每个词条都要有词语（term）和通俗解释（plain）\n 3 |   plain: \"\"\n   |   ^\n  = 怎么改：例如：\n            - term: 普惠托育\n              plain: 政府支持、收费较低的托育服务\n",
        ),
        (
            vec![
                ("content/p/index.md", page("![图](a.svg)")),
                ("content/p/a.svg", "<svg><g></svg>".into()),
            ],
            "content/p/a.svg:1:9: 错误：“a.svg”读不懂（第 1 行第 9 列的写法有错），无法确认其中没有会运行的代码，为了网站和读者的安全，不能随页面发布\n 1 | <svg><g></svg>\n   |         ^\n  = 怎么改：网页、脚本请另存为 PDF；图画请另存为 PNG，或用绘图软件去掉其中的脚本。只有当所有编辑都可信时，才可在 site.toml 里写 raw_html = \"allow\"\n",
        ),
    ]
}

#[test]
fn data_and_page_messages_read_in_chinese() {
    let mut failures = Vec::new();
    for (i, (files, expected)) in cases().into_iter().enumerate() {
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
        let got = zh(&files);
        if got != expected {
            failures.push(format!("CASE {} GOT\n{got}", i + 1));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
