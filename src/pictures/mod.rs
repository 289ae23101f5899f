//! Smaller copies of the pictures a page shows, made at build time so that a
//! reader on a cheap phone downloads a picture its screen can show, not the
//! camera's original: `现场.jpg` (4000 px wide) gets `现场-480w.jpg` and
//! `现场-960w.jpg`, named in the page's `srcset`.
//!
//! Decoding a photograph is slow, so each copy is kept in the site's own cache
//! folder, `.minsheng/cache/pictures/` ([`cache`]), found again by a hash of the
//! picture's bytes and checked against them before it is used: a picture whose
//! bytes did not change is never decoded again. This is the one place besides
//! `source` and `output` that touches the disk, and only inside that folder.
//!
//! Pictures are untrusted: a header claiming 20000×20000 pixels, a
//! decompression bomb or a cut-off file gives a [`Problem`] (the page then shows
//! the original, with a warning), never a crash, a hang or gigabytes of memory.

pub(crate) mod cache;
mod resize;

pub(crate) use cache::Cache;
pub(crate) use resize::Problem;

/// The widths made, in pixels, when the picture is wider: phones, then tablets
/// and the page's widest column (46rem at 2× pixel density is about 1470 px; the
/// original serves those).
pub(crate) const WIDTHS: &[u32] = &[480, 960];

/// The `sizes` attribute matching the theme's column (`.wrap`: 46rem).
pub(crate) const SIZES: &str = "(max-width: 46rem) 100vw, 46rem";

/// A smaller copy of a picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    /// Width and height in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The encoded file (same format as the original).
    pub bytes: Vec<u8>,
}

/// Whether pictures with this extension (lower case) get smaller copies.
pub(crate) fn resizable(ext: &str) -> bool {
    matches!(ext, "png" | "jpg" | "jpeg")
}

/// The widths of the copies a picture `width` pixels wide gets: never larger
/// than the original (a copy as wide as the original would only repeat it).
pub(crate) fn widths_for(width: u32) -> impl Iterator<Item = u32> {
    WIDTHS.iter().copied().filter(move |&w| w < width)
}

/// The file name of the copy `width` pixels wide: `现场.jpg` → `现场-480w.jpg`
/// (the path before the name is kept).
pub(crate) fn variant_name(name: &str, width: u32) -> String {
    let slash = name.rfind('/').map_or(0, |i| i + 1);
    match name[slash..].rfind('.') {
        Some(dot) if dot > 0 => {
            let (stem, ext) = name.split_at(slash + dot);
            format!("{stem}-{width}w{ext}")
        }
        _ => format!("{name}-{width}w"),
    }
}

/// The copies of one picture (`ext`: its lower-case extension), taken from the
/// cache when it holds them for these very bytes, else made and stored there.
pub(crate) fn variants(cache: &Cache, ext: &str, bytes: &[u8]) -> Result<Vec<Variant>, Problem> {
    if let Some(found) = cache.get(bytes) {
        return found;
    }
    let made = resize::variants(ext, bytes);
    cache.put(bytes, &made);
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_widths() {
        assert_eq!(
            variant_name("reports/x/现场.jpg", 480),
            "reports/x/现场-480w.jpg"
        );
        assert_eq!(variant_name("a.b/c", 960), "a.b/c-960w");
        assert_eq!(variant_name(".png", 480), ".png-480w");
        assert_eq!(widths_for(4000).collect::<Vec<_>>(), [480, 960]);
        assert_eq!(widths_for(960).collect::<Vec<_>>(), [480]);
        assert_eq!(widths_for(480).count(), 0);
    }
}
