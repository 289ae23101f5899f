//! Decoding, resizing and encoding one picture, within limits.

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::{widths_for, Variant};

/// The most pixels a picture may have to be decoded (a 48-megapixel phone
/// photograph is 8000 × 6000); larger ones are shown as they are.
pub(crate) const MAX_PIXELS: u64 = 50_000_000;

/// The most memory the decoder may take, in bytes: a picture of [`MAX_PIXELS`]
/// in RGBA, with room for the decoder's own buffers.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Why a picture got no smaller copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// It has more pixels than [`MAX_PIXELS`] (or than its format allows).
    TooLarge(u32, u32),
    /// It could not be decoded: cut off, damaged, or not what its name says.
    Unreadable,
}

/// The copies of a PNG or JPEG picture for each width of [`widths_for`] its
/// width; none when it is narrower than the smallest.
pub(super) fn variants(ext: &str, bytes: &[u8]) -> Result<Vec<Variant>, Problem> {
    let format = match ext {
        "png" => ImageFormat::Png,
        "jpg" | "jpeg" => ImageFormat::Jpeg,
        _ => return Ok(Vec::new()),
    };
    let image = decode(format, bytes)?;
    let (w, h) = (image.width(), image.height());
    widths_for(w)
        .map(|width| {
            let height = ((u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w))
                .clamp(1, u64::from(u32::MAX)) as u32;
            let small = image.resize_exact(width, height, FilterType::CatmullRom);
            let bytes = encode(&small, format).ok_or(Problem::Unreadable)?;
            Ok(Variant {
                width,
                height,
                bytes,
            })
        })
        .collect()
}

/// Decodes within the limits, turned upright as the camera recorded it (a
/// browser turns the original so; the copies must match it).
fn decode(format: ImageFormat, bytes: &[u8]) -> Result<DynamicImage, Problem> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(30_000);
    limits.max_image_height = Some(30_000);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Problem::Unreadable)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(Problem::Unreadable);
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS || decoder.total_bytes() > MAX_ALLOC / 2 {
        return Err(Problem::TooLarge(w, h));
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| Problem::Unreadable)?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(image)
}

/// Encodes a copy in the original's format: JPEG at quality 80 (photographs),
/// PNG with its transparency kept (drawings, screenshots). Both encoders are
/// plain Rust with fixed settings: the same picture gives the same bytes.
fn encode(image: &DynamicImage, format: ImageFormat) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
                .encode_image(&rgb)
                .ok()?;
        }
        _ => {
            let small = if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8())
            };
            small
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .ok()?;
        }
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A picture `w` × `h` with a gradient, encoded as `format`.
    pub(crate) fn picture(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut out), format)
            .unwrap();
        out
    }

    #[test]
    fn copies_keep_the_proportions_and_are_never_larger() {
        let jpg = picture(1200, 800, ImageFormat::Jpeg);
        let made = variants("jpg", &jpg).unwrap();
        let sizes: Vec<(u32, u32)> = made.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 320), (960, 640)]);
        for v in &made {
            let read = imagesize::blob_size(&v.bytes).unwrap();
            assert_eq!(
                (read.width, read.height),
                (v.width as usize, v.height as usize)
            );
            assert_eq!(&v.bytes[..3], b"\xFF\xD8\xFF", "a JPEG stays a JPEG");
        }
        // The same picture gives the same bytes.
        assert_eq!(variants("jpg", &jpg).unwrap(), made);
        let png = picture(700, 70, ImageFormat::Png);
        let made = variants("png", &png).unwrap();
        assert_eq!(made.len(), 1);
        assert_eq!((made[0].width, made[0].height), (480, 48));
        assert_eq!(&made[0].bytes[1..4], b"PNG");
        assert!(variants("png", &picture(480, 10, ImageFormat::Png))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn hostile_pictures_are_refused_quickly() {
        // A PNG header claiming 20000 × 20000 pixels, with no data.
        let mut png = picture(2, 2, ImageFormat::Png);
        png[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let started = std::time::Instant::now();
        assert!(variants("png", &png).is_err());
        // A cut-off JPEG and PNG, and bytes that are no picture at all.
        let jpg = picture(1200, 800, ImageFormat::Jpeg);
        let _ = variants("jpg", &jpg[..jpg.len() / 3]);
        let png = picture(1200, 800, ImageFormat::Png);
        assert_eq!(
            variants("png", &png[..png.len() / 3]),
            Err(Problem::Unreadable)
        );
        assert_eq!(variants("jpg", b"not a picture"), Err(Problem::Unreadable));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
