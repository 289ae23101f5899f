//! An indicator's YAML as written, before it is checked: serde types that keep
//! what a plain map would lose (duplicate keys, the order of periods) and accept
//! what editors write (a number or `{value, sample}`, a year or a period label).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{denominator, period, Direction, Rank};

/// A series value: a number, or `{value: …, sample: true}`.
#[derive(Debug, Clone, Copy)]
pub(super) struct RawPoint {
    pub(super) value: f64,
    pub(super) sample: bool,
}

impl<'de> Deserialize<'de> for RawPoint {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawPoint;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or {value: number, sample: true}")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawPoint, E> {
                Ok(RawPoint {
                    value: v,
                    sample: false,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawPoint, E> {
                Ok(RawPoint {
                    value: v as f64,
                    sample: false,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawPoint, E> {
                Ok(RawPoint {
                    value: v as f64,
                    sample: false,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<RawPoint, A::Error> {
                let mut value = None;
                let mut sample = false;
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "value" => value = Some(m.next_value::<f64>()?),
                        "sample" => sample = m.next_value::<bool>()?,
                        other => return Err(de::Error::unknown_field(other, &["value", "sample"])),
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
                Ok(RawPoint { value, sample })
            }
        }
        d.deserialize_any(V)
    }
}

/// A key of `series:`: a year written as a number, or a period written as text
/// (`"2024 Q1"`, `2024年3月`, `"2000/01"`).
#[derive(Debug, Clone)]
pub(super) enum SeriesKey {
    Year(i32),
    Label(String),
}

impl SeriesKey {
    pub(super) fn label(&self) -> String {
        match self {
            SeriesKey::Year(y) => y.to_string(),
            SeriesKey::Label(s) => s.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for SeriesKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'a> Visitor<'a> for V {
            type Value = SeriesKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a year such as 2022, or a period such as \"2024 Q1\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SeriesKey, E> {
                i32::try_from(v)
                    .map(SeriesKey::Year)
                    .map_err(|_| E::custom(format!("{v} is not a year")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SeriesKey, E> {
                i32::try_from(v)
                    .map(SeriesKey::Year)
                    .map_err(|_| E::custom(format!("{v} is not a year")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SeriesKey, E> {
                Ok(SeriesKey::Label(format!("{v:?}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SeriesKey, E> {
                Ok(SeriesKey::Label(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A YAML mapping read in order, keeping duplicate keys (which serde's maps drop
/// silently) so that they can be reported.
#[derive(Debug, Clone, Default)]
pub(super) struct Entries<K, V>(pub(super) Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EV<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for EV<K, V> {
            type Value = Entries<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of `key: value` lines")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(EV(std::marker::PhantomData))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    pub(super) value: f64,
    #[serde(default)]
    pub(super) year: Option<i32>,
    #[serde(default)]
    pub(super) by: Option<String>,
    #[serde(default)]
    pub(super) sample: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct CsvOptions {
    /// Column → value choosing the headline series among breakdowns.
    pub(super) select: BTreeMap<String, String>,
    /// The column whose values are shown as the breakdown chart.
    pub(super) breakdown: Option<String>,
    /// The column whose values are drawn as lines of their own.
    pub(super) lines: Option<String>,
    /// Columns that annotate rows and never split them (footnotes, a second number).
    pub(super) attributes: Vec<String>,
    /// In a file with one row per region: the row of this city (the rest are districts).
    pub(super) city: Option<String>,
    /// How `2003-05` is read: auto, months or windows.
    pub(super) periods: period::Ambiguous,
    /// The sheet of an `.xlsx` workbook (default: the first).
    pub(super) sheet: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndicator {
    #[serde(default)]
    pub(super) id: Option<String>,
    pub(super) title: String,
    #[serde(default)]
    pub(super) question: Option<String>,
    #[serde(default)]
    pub(super) domain: Option<String>,
    #[serde(default)]
    pub(super) unit: Option<String>,
    #[serde(default)]
    pub(super) direction: Direction,
    #[serde(default)]
    pub(super) decimals: Option<u8>,
    #[serde(default)]
    pub(super) target: Option<RawTarget>,
    #[serde(default)]
    pub(super) rank: Option<Rank>,
    #[serde(default)]
    pub(super) source: Option<String>,
    #[serde(default)]
    pub(super) source_url: Option<String>,
    #[serde(default)]
    pub(super) notes: Option<String>,
    #[serde(default)]
    pub(super) sample: bool,
    #[serde(default)]
    pub(super) series: Option<Entries<SeriesKey, RawPoint>>,
    #[serde(default)]
    pub(super) districts: Option<Entries<String, f64>>,
    #[serde(default)]
    pub(super) districts_year: Option<i32>,
    #[serde(default)]
    pub(super) districts_sample: bool,
    #[serde(default)]
    pub(super) csv: Option<CsvOptions>,
    #[serde(default)]
    pub(super) denominator: Option<denominator::DenominatorRef>,
}
