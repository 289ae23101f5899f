//! Pages that are folders: `index.md` with its pictures and downloads beside it.

use crate::support::SiteTest;
use minsheng::msg::Lang::Zh;

const PICTURE: &[u8] = include_bytes!("../fixtures/page-folder/bands.png");

/// A report folder with a picture, an application form and a footnote.
pub fn folder_site(body: &str) -> SiteTest {
    SiteTest::new()
        .file("content/reports/_index.md", "---\ntitle: 民生报告\n---\n")
        .file(
            "content/reports/2023-协商/index.md",
            &format!("---\ntitle: 协商座谈会\ndate: 2023-03-16\n---\n{body}"),
        )
        .bytes("content/reports/2023-协商/现场.png", PICTURE)
        .bytes("content/reports/2023-协商/申请表.pdf", &vec![b'%'; 122_880])
}

pub const BODY: &str = "座谈会现场[^1]。\n\n![座谈会现场照片](现场.png)\n\n请下载[申请表](申请表.pdf)。\n\n[^1]: 见[报告列表](../_index.md)。\n";

#[test]
fn a_page_folder_is_one_page_with_its_files_beside_it() {
    let out = folder_site(BODY).build_ok();
    let html = out.text("reports/2023-协商/index.html");
    assert!(
        html.contains("alt=\"座谈会现场照片\" width=\"64\" height=\"48\" loading=\"lazy\" decoding=\"async\">"),
        "{html}"
    );
    assert!(html.contains(">申请表（PDF，120 KB）</a>"), "{html}");
    // The footnote body's link is made relative to the page.
    assert!(html.contains("href=\"../../reports/\""), "{html}");
    assert_eq!(out.0["reports/2023-协商/现场.png"], PICTURE);
    assert_eq!(out.0["reports/2023-协商/申请表.pdf"].len(), 122_880);
    // The folder is the page, not a section of its own; the report list links it.
    assert!(!out.has("reports/2023-协商/index/index.html"));
    assert!(out.text("reports/index.html").contains("2023-协商/"));
}

#[test]
fn a_page_with_links_and_no_picture_notes_and_checks_its_files_too() {
    // Links alone take another way through the body than links beside pictures.
    let out = folder_site("请下载[申请表](申请表.pdf)，另见[列表](../_index.md)。\n").build_ok();
    let html = out.text("reports/2023-协商/index.html");
    assert!(html.contains(">申请表（PDF，120 KB）</a>"), "{html}");
    assert!(html.contains(">列表</a>"), "{html}");
    assert!(!html.contains("列表（"), "{html}");
    let err = folder_site("见[表格](登记表.xlsx)。\n").build_err_in(Zh);
    assert!(
        err.contains("index.md:5:2: 错误：找不到文件 `登记表.xlsx`"),
        "{err}"
    );
}

#[test]
fn a_picture_without_alt_text_is_an_error_saying_what_to_type() {
    let err = folder_site("第一行\n\n![](现场.png)\n").build_err_in(Zh);
    assert!(
        err.contains("content/reports/2023-协商/index.md:7:1: 错误：图片“现场.png”没有文字说明"),
        "{err}"
    );
    assert!(err.contains("![照片内容的文字说明](现场.png)"), "{err}");
}

#[test]
fn a_missing_file_beside_the_page_is_an_error_at_its_place() {
    let err = folder_site("见[表格](登记表.xlsx)和![图](无.jpg)\n").build_err_in(Zh);
    assert!(
        err.contains("index.md:5:2: 错误：找不到文件 `登记表.xlsx`"),
        "{err}"
    );
    assert!(
        err.contains("index.md:5:17: 错误：找不到文件 `无.jpg`"),
        "{err}"
    );
    assert!(err.contains("content/reports/2023-协商/"), "{err}");
}

#[test]
fn a_picture_from_static_keeps_working_and_needs_alt_text_too() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: 页\n---\n![标志](/logo.png)\n")
        .bytes("static/logo.png", PICTURE);
    let out = site.build_ok();
    let html = out.text("a/index.html");
    assert!(
        html.contains("<img src=\"../logo.png\" alt=\"标志\" width=\"64\" height=\"48\" loading=\"lazy\" decoding=\"async\">"),
        "{html}"
    );
}

#[test]
fn a_wide_picture_in_static_gets_its_copies_too_from_any_page() {
    let out = folder_site("![会场](/images/meeting.jpg)\n")
        .file(
            "content/a.md",
            "---\ntitle: 页\n---\n![会场](/images/meeting.jpg)\n",
        )
        .bytes("static/images/meeting.jpg", WIDE)
        .build_ok();
    let html = out.text("a/index.html");
    assert!(
        html.contains(
            "<img src=\"../images/meeting.jpg\" alt=\"会场\" width=\"1200\" height=\"800\" \
             srcset=\"../images/meeting-480w.jpg 480w, ../images/meeting-960w.jpg 960w, ../images/meeting.jpg 1200w\""
        ),
        "{html}"
    );
    // From a page folder's index.md, two folders down.
    let html = out.text("reports/2023-协商/index.html");
    assert!(
        html.contains("srcset=\"../../images/meeting-480w.jpg 480w,"),
        "{html}"
    );
    assert_eq!(out.0["images/meeting.jpg"], WIDE);
    let small = imagesize::blob_size(&out.0["images/meeting-480w.jpg"]).unwrap();
    assert_eq!((small.width, small.height), (480, 320));
    assert!(out.has("images/meeting-960w.jpg"));
}

#[test]
fn check_finds_the_files_beside_the_page() {
    let site = folder_site(BODY);
    let root = site.root().to_str().unwrap();
    let (code, stdout, stderr) = crate::support::run_bin(&["check", "--root", root]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stdout.contains("missing-image") && !stderr.contains("missing-image"));
}

/// A 2 × 1 PNG: a different picture for the same name.
fn small_png() -> Vec<u8> {
    // Header with width and height is all the size reader needs; the rest of a
    // real file follows, taken from the fixture's chunks after IHDR.
    let mut p = PICTURE.to_vec();
    p[16..20].copy_from_slice(&2u32.to_be_bytes());
    p[20..24].copy_from_slice(&1u32.to_be_bytes());
    p
}

#[test]
fn a_replaced_picture_or_form_updates_the_page_in_serve() {
    use minsheng::session::{Proof, Session};
    let site = folder_site(BODY);
    let root = site.root();
    let mut s = Session::new(root, None, false).with_proof(Proof::Panic);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);
    let page = "reports/2023-协商/index.html";

    let pic = root.join("content/reports/2023-协商/现场.png");
    std::fs::write(&pic, small_png()).unwrap();
    let o = s.apply(&[pic]).unwrap();
    assert_eq!(o.error_count(), 0);
    assert!(o.changed.contains(&page.to_string()), "{:?}", o.changed);
    let html = String::from_utf8(s.good().unwrap()[page].to_vec()).unwrap();
    assert!(html.contains("width=\"2\" height=\"1\""), "{html}");

    let form = root.join("content/reports/2023-协商/申请表.pdf");
    std::fs::write(&form, vec![b'%'; 3 * 1024 * 1024]).unwrap();
    let o = s.apply(std::slice::from_ref(&form)).unwrap();
    let html = String::from_utf8(s.good().unwrap()[page].to_vec()).unwrap();
    assert!(html.contains("申请表（PDF，3.0 MB）"), "{html}");
    assert!(o
        .changed
        .contains(&"reports/2023-协商/申请表.pdf".to_string()));

    // Gone: the link is now an error at its line, and the last good build stays.
    std::fs::remove_file(&form).unwrap();
    let o = s.apply(&[form]).unwrap();
    assert!(o.error_count() > 0);
    let shown = crate::support::render_in(&o.diagnostics, Zh);
    assert!(
        shown.contains("index.md:9:4: 错误：找不到文件 `申请表.pdf`"),
        "{shown}"
    );
}

#[test]
fn a_picture_beside_an_ordinary_page_says_how_to_make_the_page_a_folder() {
    let err = SiteTest::new()
        .file(
            "content/reports/a.md",
            "---\ntitle: 页\n---\n![现场照片](现场.png)\n",
        )
        .bytes("content/reports/现场.png", PICTURE)
        .build_err_in(Zh);
    assert!(
        err.contains("content/reports/a.md:4:1: 错误：`现场.png` 不在页面文件夹里，不会随页面发布"),
        "{err}"
    );
    assert!(
        err.contains(
            "把 content/reports/a.md 改名为 content/reports/a/index.md，把 现场.png 放在它旁边"
        ),
        "{err}"
    );
}

#[test]
fn files_beside_a_page_that_would_run_code_are_refused_unless_editors_are_trusted() {
    let evil_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect width=\"4\" height=\"4\"\n onload=\"fetch('/x')\"/>\n</svg>\n";
    let site = folder_site(BODY)
        .file("content/reports/2023-协商/图.svg", evil_svg)
        .file("content/reports/2023-协商/说明.html", "<script>alert(1)</script>")
        .file(
            "content/reports/2023-协商/好图.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>",
        );
    let err = site.build_err_in(Zh);
    assert!(
        err.contains(
            "content/reports/2023-协商/图.svg:3:2: 错误：“图.svg”打开时会运行其中的代码（onload=）"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "content/reports/2023-协商/说明.html: 错误：“说明.html”打开时会运行其中的代码（.html）"
        ),
        "{err}"
    );
    assert!(!err.contains("好图.svg"), "{err}");
    // Trusted editors may publish them.
    let trusted = site.file(
        "site.toml",
        &format!("{}raw_html = \"allow\"\n", crate::support::MINIMAL_CONFIG),
    );
    let out = trusted.build_ok();
    assert!(out.has("reports/2023-协商/说明.html"));
    assert!(out.has("reports/2023-协商/图.svg"));
}

const WIDE: &[u8] = include_bytes!("../fixtures/page-folder/meeting.jpg");

/// A page folder with a 1200 × 800 photograph.
pub fn wide_site() -> SiteTest {
    folder_site("![会场全景](meeting.jpg)\n").bytes("content/reports/2023-协商/meeting.jpg", WIDE)
}

#[test]
fn a_wide_picture_gets_smaller_copies_named_in_its_srcset() {
    let site = wide_site();
    let out = site.build_ok();
    let html = out.text("reports/2023-协商/index.html");
    assert!(
        html.contains(
            "<img src=\"meeting.jpg\" alt=\"会场全景\" width=\"1200\" height=\"800\" \
             srcset=\"meeting-480w.jpg 480w, meeting-960w.jpg 960w, meeting.jpg 1200w\" \
             sizes=\"(max-width: 46rem) 100vw, 46rem\" loading=\"lazy\" decoding=\"async\">"
        ),
        "{html}"
    );
    for (name, w, h) in [
        ("meeting-480w.jpg", 480, 320),
        ("meeting-960w.jpg", 960, 640),
    ] {
        let bytes = &out.0[&format!("reports/2023-协商/{name}")];
        let size = imagesize::blob_size(bytes).unwrap();
        assert_eq!((size.width, size.height), (w, h), "{name}");
        assert!(
            bytes.len() < WIDE.len(),
            "{name} is smaller than the original"
        );
    }
    // A small picture gets none: the 64 × 48 one is shown as it was.
    let small = folder_site(BODY).build_ok();
    assert!(!small
        .text("reports/2023-协商/index.html")
        .contains("srcset"));
    // The copies are kept in the site's cache folder; the next build takes them
    // from there, and a site without the cache makes the very same bytes.
    assert!(
        site.root()
            .join(".minsheng/cache/pictures")
            .read_dir()
            .unwrap()
            .count()
            > 0
    );
    let again = site.build_ok();
    let fresh = wide_site().build_ok();
    for name in ["meeting-480w.jpg", "meeting-960w.jpg"] {
        let path = format!("reports/2023-协商/{name}");
        assert_eq!(again.0[&path], out.0[&path]);
        assert_eq!(fresh.0[&path], out.0[&path]);
    }
}

#[test]
fn a_hostile_or_broken_picture_is_shown_as_it_is_with_a_warning() {
    let started = std::time::Instant::now();
    let cut = &WIDE[..WIDE.len() / 2];
    // A PNG header saying 1000 × 1000 (its checksum no longer matches), then junk.
    let mut broken = include_bytes!("../fixtures/page-folder/bomb.png")[..33].to_vec();
    broken[16..20].copy_from_slice(&1000u32.to_be_bytes());
    broken[20..24].copy_from_slice(&1000u32.to_be_bytes());
    broken.extend(b"junk junk junk");
    let site = folder_site("![炸弹](bomb.png)\n\n![残图](broken.png)\n\n![半张](half.jpg)\n")
        .bytes(
            "content/reports/2023-协商/bomb.png",
            include_bytes!("../fixtures/page-folder/bomb.png"),
        )
        .bytes("content/reports/2023-协商/broken.png", &broken)
        .bytes("content/reports/2023-协商/half.jpg", cut);
    let built = site.build();
    assert_eq!(built.error_count(), 0);
    let text = crate::support::render_in(&built.diagnostics, Zh);
    assert!(
        text.contains(
            "content/reports/2023-协商/bomb.png: 提醒：图片“bomb.png”有 20000×20000 像素，太大了，没有生成给手机看的小图，读者会下载整张原图"
        ),
        "{text}"
    );
    assert!(
        text.contains("= 怎么改：用画图或手机相册把图片缩小到宽 2000 像素左右，再放回原处"),
        "{text}"
    );
    assert!(
        text.contains(
            "content/reports/2023-协商/broken.png: 提醒：图片“broken.png”读不出来（文件可能不完整或已损坏），没有生成给手机看的小图"
        ),
        "{text}"
    );
    let out = crate::support::Output::from_files(built.files.unwrap());
    let html = out.text("reports/2023-协商/index.html");
    assert!(
        html.contains(
            "<img src=\"bomb.png\" alt=\"炸弹\" width=\"20000\" height=\"20000\" loading"
        ),
        "{html}"
    );
    // The originals are published as they are.
    assert_eq!(out.0["reports/2023-协商/half.jpg"], cut);
    assert!(!out.has("reports/2023-协商/bomb-480w.png"));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

/// A template edit keeps the assembled site (templates are not among its
/// sources); a picture in `static/` is, since pages learn its size from it.
#[test]
fn a_replaced_static_picture_updates_the_page_after_a_template_edit() {
    use minsheng::session::{Proof, Session};
    let site = SiteTest::new()
        .file("content/reports/_index.md", "---\ntitle: 民生报告\n---\n")
        .file(
            "content/reports/a.md",
            "---\ntitle: 页\ndate: 2023-03-16\n---\n![现场照片](/pictures/现场.png)\n",
        )
        .bytes("static/pictures/现场.png", PICTURE);
    let root = site.root();
    let mut s = Session::new(root, None, false).with_proof(Proof::Panic);
    assert_eq!(s.rebuild_all().unwrap().error_count(), 0);
    let page = "reports/a/index.html";
    let html = |s: &Session| String::from_utf8(s.good().unwrap()[page].to_vec()).unwrap();
    assert!(
        html(&s).contains("width=\"64\" height=\"48\""),
        "{}",
        html(&s)
    );

    let tpl = root.join("templates/404.html");
    std::fs::create_dir_all(tpl.parent().unwrap()).unwrap();
    std::fs::write(
        &tpl,
        "{% extends \"base.html\" %}{% block main %}没有{% endblock main %}",
    )
    .unwrap();
    let o = s.apply(std::slice::from_ref(&tpl)).unwrap();
    assert_eq!(o.error_count(), 0, "{:?}", o.diagnostics);
    assert!(!o.changed.contains(&page.to_string()), "{:?}", o.changed);

    let pic = root.join("static/pictures/现场.png");
    std::fs::write(&pic, small_png()).unwrap();
    let o = s.apply(&[pic]).unwrap();
    assert_eq!(o.error_count(), 0, "{:?}", o.diagnostics);
    assert!(
        html(&s).contains("width=\"2\" height=\"1\""),
        "{}",
        html(&s)
    );
}

/// A damaged picture too small to be resized (`broken.png` holding text, a
/// GIF cut off at its start) was published with no word, and the reader saw a
/// broken picture: warned whatever its size, beside a page and in `static/`.
#[test]
fn a_small_damaged_picture_is_warned_about_too() {
    let site = folder_site("![坏](broken.png)\n\n![好](ok.png)\n\n![旧](/images/old.gif)\n")
        .bytes("content/reports/2023-协商/broken.png", b"not an image")
        .bytes("content/reports/2023-协商/ok.png", PICTURE)
        .bytes("static/images/old.gif", b"GIF8");
    let built = site.build();
    assert_eq!(built.error_count(), 0);
    let text = crate::support::render_in(&built.diagnostics, Zh);
    for said in [
        "content/reports/2023-协商/broken.png: 提醒：图片“broken.png”读不出来（文件可能不完整、已损坏，或者其实不是 .png 图片），读者看到的会是一个坏了的图片",
        "static/images/old.gif: 提醒：图片“old.gif”读不出来（文件可能不完整、已损坏，或者其实不是 .gif 图片）",
    ] {
        assert!(text.contains(said), "{said}\n{text}");
    }
    assert!(!text.contains("ok.png"), "{text}");
    assert_eq!(text.matches("读不出来").count(), 2, "{text}");
}

/// A download that is there but refused — over the size limit, a link out of
/// the site — got its own message *and* "找不到文件 … 里没有 …", which the
/// editor, seeing the file in the folder, could not make sense of.
#[test]
fn a_refused_download_is_not_also_said_to_be_missing() {
    let site = folder_site("[大文件](huge.pdf)\n\n[表](申请表.pdf)\n");
    let huge = site.root().join("content/reports/2023-协商/huge.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    let err = site.build_err_in(Zh);
    assert!(
        err.contains("content/reports/2023-协商/huge.pdf: 错误：文件超过 100 MB"),
        "{err}"
    );
    assert!(!err.contains("找不到文件"), "{err}");
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.pdf"), "%PDF").unwrap();
        std::fs::remove_file(&huge).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.pdf"), &huge).unwrap();
        let shown = crate::support::render_in(&site.build().diagnostics, Zh);
        assert!(shown.contains("huge.pdf: 提醒：跳过了"), "{shown}");
        assert!(!shown.contains("找不到文件"), "{shown}");
    }
}
