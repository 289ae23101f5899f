//! What a workbook may expand to, checked before calamine inflates it. An
//! `.xlsx` is a zip of XML parts; deflate packs a run of one letter about
//! 1000:1, and calamine reads all of `xl/sharedStrings.xml` into memory when the
//! workbook is opened. A 4.6 MB upload naming one 4.5 GB string took 8.5 GB and
//! aborted the build. So every part is inflated here first, through a reader that
//! stops one byte past the limit, and the sizes the zip's directory declares are
//! refused too (they are checked first, but not trusted).

use std::io::{Cursor, Read};

use crate::msg::Text;
use crate::t;

const MIB: u64 = 1024 * 1024;

/// The most one part (a sheet, the shared strings) may inflate to. An
/// indicator's sheet is a few hundred rows; 64 MiB of sheet XML is over a
/// million cells, far past what a CSV data file may hold (8 MiB).
pub(super) const PART_LIMIT: u64 = 64 * MIB;

/// The most all parts together may inflate to.
pub(super) const TOTAL_LIMIT: u64 = 128 * MIB;

/// Why a workbook's parts were refused.
pub(super) enum TooBig {
    /// The part of this name inflates past [`PART_LIMIT`].
    Part(String),
    /// All parts together inflate past [`TOTAL_LIMIT`].
    Total,
}

/// Checks every part of the workbook `bytes` against the limits, by its
/// declared size and then by inflating it and counting. A zip, or a part, that
/// cannot be read passes: calamine cannot read it either, and says so.
pub(super) fn check(bytes: &[u8]) -> Result<(), TooBig> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    // Declared sizes first: a refusal then costs no inflating at all.
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        if part.size() > PART_LIMIT {
            return Err(TooBig::Part(part.name().to_string()));
        }
        declared = declared.saturating_add(part.size());
    }
    if declared > TOTAL_LIMIT {
        return Err(TooBig::Total);
    }
    // Then what the parts really inflate to: a directory may lie.
    let mut total: u64 = 0;
    let mut sink = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        let mut limited = (&mut part).take(PART_LIMIT + 1);
        let mut size: u64 = 0;
        loop {
            match limited.read(&mut sink) {
                Ok(0) => break,
                Ok(n) => size += n as u64,
                // Damaged past this point: calamine stops here too.
                Err(_) => break,
            }
        }
        if size > PART_LIMIT {
            return Err(TooBig::Part(name));
        }
        total += size;
        if total > TOTAL_LIMIT {
            return Err(TooBig::Total);
        }
    }
    Ok(())
}

/// The error and hint for a workbook that expands too far.
pub(super) fn message(why: &TooBig) -> (Text, Text) {
    let (part_mib, total_mib) = (PART_LIMIT / MIB, TOTAL_LIMIT / MIB);
    let hint = t!(
        "指标数据的工作簿通常不到 1 MB：在 Excel 里只留下数据区域（删掉多余的工作表、行、列和很长的文字），或只把数据另存为“CSV UTF-8（逗号分隔）”",
        "an indicator's workbook is usually under 1 MB: keep only the data in Excel (delete other sheets, rows, columns and long text), or save only the data as CSV UTF-8"
    );
    let message = match why {
        TooBig::Part(name) => t!(
            "这个 Excel 文件解压后太大：其中的“{name}”超过 {part_mib} MB",
            "the workbook expands too far: its part `{name}` is over {part_mib} MiB"
        ),
        TooBig::Total => t!(
            "这个 Excel 文件解压后太大：超过 {total_mib} MB",
            "the workbook expands too far: over {total_mib} MiB in all"
        ),
    };
    (message, hint)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::{check, TooBig, MIB};

    /// A zip of parts (name, size) full of one letter: packed about 1000:1.
    fn zip_of(parts: &[(&str, u64)]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        let chunk = vec![b'a'; MIB as usize];
        for &(name, size) in parts {
            z.start_file(name, opts).unwrap();
            for _ in 0..size / MIB {
                z.write_all(&chunk).unwrap();
            }
            z.write_all(&chunk[..(size % MIB) as usize]).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn every_part_and_all_together_are_bounded() {
        assert!(check(&zip_of(&[("a.xml", 10), ("b.xml", 63 * MIB)])).is_ok());
        assert!(matches!(
            check(&zip_of(&[("a.xml", 10), ("xl/sharedStrings.xml", 64 * MIB + 1)])),
            Err(TooBig::Part(name)) if name == "xl/sharedStrings.xml"
        ));
        let three = zip_of(&[("a", 50 * MIB), ("b", 50 * MIB), ("c", 50 * MIB)]);
        assert!(matches!(check(&three), Err(TooBig::Total)));
        // Not a zip: passes here, calamine says it cannot read it.
        assert!(check(b"not a zip").is_ok());
    }
}
