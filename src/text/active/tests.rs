use super::*;

fn svg_of(body: &str) -> String {
    format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n{body}\n</svg>")
}

#[test]
fn drawings_without_code_pass() {
    for body in [
        "<rect width=\"5\" height=\"5\" fill=\"#0072B2\"/><text x=\"1\" y=\"9\">镇江</text>",
        "<a href=\"https://www.zhenjiang.gov.cn/\"><circle r=\"2\"/></a>",
        "<use href=\"#a\"/><image href=\"data:image/png;base64,iVBORw0KGgo=\"/>",
        "<style>rect { fill: red }</style>",
    ] {
        assert_eq!(active("a.svg", svg_of(body).as_bytes()), None, "{body}");
    }
    assert_eq!(active("a.png", b"\x89PNG\r\n\x1a\n"), None);
    // Markup under a picture's name is not a picture.
    assert!(active("a.png", b"<script>").is_some());
    assert_eq!(active("申请表.pdf", b"%PDF"), None);
}

#[test]
fn code_in_a_drawing_is_found_where_it_is() {
    let cases = [
        ("<script>alert(1)</script>", "<script>", 2),
        ("<SCRIPT>alert(1)</SCRIPT>", "<SCRIPT>", 2),
        ("<rect\n onload=\"alert(1)\"/>", "onload=", 3),
        ("<rect ONCLICK=\"x\"/>", "ONCLICK=", 2),
        (
            "<a href=\"&#106;avascript:alert(1)\"><text>x</text></a>",
            "href=\"javascript:alert(1)\"",
            2,
        ),
        (
            "<a xlink:href=\" JaVaScRiPt:alert(1)\"/>",
            "href=\" JaVaScRiPt:alert(1)\"",
            2,
        ),
        (
            "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>",
            "to=\"javascript:alert(1)\"",
            2,
        ),
        (
            "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>",
            "<foreignObject>",
            2,
        ),
        (
            "<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>",
            "href=\"data:image/svg+xml;base64,PHN2Zz4=\"",
            2,
        ),
        (
            "<a href=\"data:text/html,hi\"/>",
            "href=\"data:text/html,hi\"",
            2,
        ),
    ];
    for (body, what, line) in cases {
        let got = active("图.svg", svg_of(body).as_bytes()).unwrap_or_else(|| panic!("{body}"));
        assert_eq!((got.what.en(), got.line), (what, line), "{body}");
    }
}

#[test]
fn documents_and_scripts_are_refused_by_type() {
    for name in ["说明.html", "a.HTM", "x.js", "d.xhtml", "c.svgz", "f.xml"] {
        assert!(active(name, b"hello").is_some(), "{name}");
    }
    assert!(active("bad.svg", b"<svg><unclosed").is_some());
    assert!(active("bad.svg", &[0xff, 0xfe]).is_some());
}

#[test]
fn entity_bombs_are_refused_quickly() {
    let mut dtd = String::from("<!DOCTYPE svg [\n<!ENTITY a0 \"ha\">\n");
    for i in 1..12 {
        let prev = format!("&a{};", i - 1);
        dtd.push_str(&format!("<!ENTITY a{i} \"{}\">\n", prev.repeat(10)));
    }
    dtd.push_str("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&a11;</text></svg>");
    let t = std::time::Instant::now();
    let got = active("bomb.svg", dtd.as_bytes());
    assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
    assert!(got.is_some());
}

#[test]
fn declarations_and_instructions_are_refused_where_they_are() {
    let entity = "<!DOCTYPE svg [<!ENTITY s \"&#60;script&#62;alert(1)&#60;/script&#62;\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&s;</svg>";
    let xslt = "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"x.csv\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    let hidden =
        "<!-- <!DOCTYPE x> -->\n<!DOCTYPE svg [\n]><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    for (text, what, line, col) in [
        (entity, "<!DOCTYPE [ ]>", 1, 1),
        (xslt, "<?xml-stylesheet?>", 2, 1),
        (hidden, "<!DOCTYPE [ ]>", 2, 1),
    ] {
        let got = active("a.svg", text.as_bytes()).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(
            (got.what.en(), got.line, got.col, got.kind),
            (what, line, col, Kind::Unknown)
        );
    }
    // The public SVG 1.1 document type of Illustrator's exports declares nothing.
    let public = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>";
    assert_eq!(active("a.svg", public.as_bytes()), None);
}

#[test]
fn only_known_elements_and_namespaces_pass() {
    let inkscape = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" inkscape:version=\"1.2\"><sodipodi:namedview inkscape:zoom=\"1\"/><metadata><rdf:RDF/></metadata><g inkscape:label=\"图层 1\"><path d=\"M0 0L1 1\"/></g></svg>";
    assert_eq!(active("a.svg", inkscape.as_bytes()), None);
    for (body, what, kind) in [
        (
            "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
            "<script>",
            Kind::Runs,
        ),
        (
            "<x:b xmlns:x=\"http://www.w3.org/1999/xhtml\">x</x:b>",
            "<b>",
            Kind::Unknown,
        ),
        ("<blink/>", "<blink>", Kind::Unknown),
        (
            "<rect x:y=\"1\" xmlns:x=\"urn:evil\"/>",
            "y=",
            Kind::Unknown,
        ),
        (
            "<set attributeName=\"onclick\" to=\"alert(1)\"/>",
            "attributeName=",
            Kind::Runs,
        ),
    ] {
        let got = active("a.svg", svg_of(body).as_bytes()).unwrap_or_else(|| panic!("{body}"));
        assert_eq!((got.what.en(), got.kind), (what, kind), "{body}");
    }
    let html_root = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>";
    assert_eq!(
        active("a.svg", html_root.as_bytes()).map(|a| a.kind),
        Some(Kind::Unknown)
    );
}

#[test]
fn markup_under_any_other_name_is_refused() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
    for name in ["y.svg ", "noext", "x.csv", "图.png", "a.svg.", "sub/E.txt"] {
        let got = active(name, svg.as_bytes()).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(got.kind, Kind::Markup, "{name}");
    }
    let bom_utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("  <html>".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    for bytes in [
        &b"\xEF\xBB\xBF\n <?xml version=\"1.0\"?><xsl:stylesheet/>"[..],
        b"<!doctype html><script>",
        &bom_utf16,
    ] {
        assert!(active("a.csv", bytes).is_some(), "{bytes:?}");
    }
    for bytes in [
        &b"<5\xe5\xb2\x81,\xe4\xba\xba\xe6\x95\xb0\n1,2"[..],
        b"%PDF-1.7",
        b"PK\x03\x04",
        b"Year,Value\n",
    ] {
        assert_eq!(active("a.csv", bytes), None, "{bytes:?}");
    }
}

#[test]
fn style_rules_that_load_or_run_are_found_where_they_are() {
    for (body, what, kind) in [
        (
            "<style>@import url(https://evil.example/x.css);</style>",
            "@import",
            Kind::Unknown,
        ),
        (
            "<style><![CDATA[rect { fill: url(https://tracker.example/p.svg#a) }]]></style>",
            "url(https://tracker.example/p.svg#a)",
            Kind::Elsewhere,
        ),
        (
            "<rect style=\"fill: u\\72l('javascript:alert(1)')\"/>",
            "style=\"url(javascript:alert(1))\"",
            Kind::Runs,
        ),
        (
            "<rect fill=\"url(//tracker.example/p#g)\"/>",
            "fill=\"url(//tracker.example/p#g)\"",
            Kind::Elsewhere,
        ),
        (
            "<image href=\"https://tracker.example/p.png\"/>",
            "<image href=\"https://tracker.example/p.png\">",
            Kind::Elsewhere,
        ),
    ] {
        let got = active("a.svg", svg_of(body).as_bytes()).unwrap_or_else(|| panic!("{body}"));
        assert_eq!(
            (got.what.en(), got.line, got.kind),
            (what, 2, kind),
            "{body}"
        );
    }
    let plain = "<defs><linearGradient id=\"g\"/></defs><style>.a{fill:url(#g)}</style><rect class=\"a\" style=\"stroke: url(#g)\" fill=\"url(#g)\"/><image href=\"pic.png\"/>";
    assert_eq!(active("a.svg", svg_of(plain).as_bytes()), None);
}

#[test]
fn deeply_nested_drawings_are_refused_not_followed_down() {
    // 15,000 nested groups overflowed the stack of the XML reader and ended
    // the program; deeper than MAX_DEPTH is refused before it reads.
    for depth in [600, 15_000, 1_000_000] {
        let body = format!("{}{}", "<g>".repeat(depth), "</g>".repeat(depth));
        let got = active("深.svg", svg_of(&body).as_bytes()).expect("refused");
        assert_eq!(got.line, 2, "{depth}");
        assert!(got.what.zh().contains("层"), "{depth}");
    }
    // As deep as drawings go, with self-closed shapes, comments, quoted `>`
    // and `/>` in values, CDATA: read and let through.
    let mut body = String::new();
    for i in 0..200 {
        body.push_str(&format!(
            "<g id=\"g{i}\" data-x=\"a>b/\"><!-- <g> --><path d=\"M0 0\"/><![CDATA[<g>]]>"
        ));
    }
    body.push_str(&"</g>".repeat(200));
    let body = body.replace("data-x", "class");
    assert_eq!(active("深.svg", svg_of(&body).as_bytes()), None);
    // Flat and wide: many shapes side by side are no depth at all.
    let wide = "<g><path d=\"M0 0\"/></g>".repeat(20_000);
    assert_eq!(active("宽.svg", svg_of(&wide).as_bytes()), None);
    // An attribute never closed, a comment never closed: no panic.
    assert!(active("a.svg", svg_of("<g id=\"x>").as_bytes()).is_some());
    assert!(active("a.svg", svg_of("<!-- x").as_bytes()).is_some());
}

#[test]
fn many_unclosed_doctypes_are_refused_at_the_first() {
    let text = "<!DOCTYPE svg".repeat(200_000);
    let got = active("d.svg", text.as_bytes()).expect("refused");
    assert_eq!((got.line, got.col), (1, 1));
}
