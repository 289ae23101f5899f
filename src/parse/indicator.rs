//! An indicator's YAML as written, before it is checked: serde types that keep
//! what a plain map would lose (duplicate keys, the order of periods) and accept
//! what editors write (a number or `{value, sample}`, a year or a period label).
//! The small types an editor writes by name (`direction`, `rank`, `csv.periods`,
//! `denominator`) are defined here and used as they are by the indicator model
//! (`crate::indicator`), which checks the rest one by one.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use serde::Serialize;

/// The indicator file's YAML (`text`, line ends already `\n`) read into
/// [`RawIndicator`], or the located error in editors' words.
pub(crate) fn parse(
    path: &std::path::Path,
    text: &str,
    diags: &mut crate::diag::Diagnostics,
) -> Option<RawIndicator> {
    super::data_yaml(path, text, ("指标文件", "the indicator file"), |h| h, diags)
}

/// A series value: a number, or `{value: …, sample: true}`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawPoint {
    pub(crate) value: f64,
    pub(crate) sample: bool,
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
pub(crate) enum SeriesKey {
    Year(i32),
    Label(String),
}

impl SeriesKey {
    pub(crate) fn label(&self) -> String {
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
pub(crate) struct Entries<K, V>(pub(crate) Vec<(K, V)>);

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
pub(crate) struct RawTarget {
    pub(crate) value: f64,
    #[serde(default)]
    pub(crate) year: Option<i32>,
    #[serde(default)]
    pub(crate) by: Option<String>,
    #[serde(default)]
    pub(crate) sample: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct CsvOptions {
    /// Column → value choosing the headline series among breakdowns.
    pub(crate) select: BTreeMap<String, String>,
    /// The column whose values are shown as the breakdown chart.
    pub(crate) breakdown: Option<String>,
    /// The column whose values are drawn as lines of their own.
    pub(crate) lines: Option<String>,
    /// Columns that annotate rows and never split them (footnotes, a second number).
    pub(crate) attributes: Vec<String>,
    /// In a file with one row per region: the row of this city (the rest are districts).
    pub(crate) city: Option<String>,
    /// How `2003-05` is read: auto, months or windows.
    pub(crate) periods: Ambiguous,
    /// The sheet of an `.xlsx` workbook (default: the first).
    pub(crate) sheet: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndicator {
    #[serde(default)]
    pub(crate) id: Option<String>,
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) question: Option<String>,
    #[serde(default)]
    pub(crate) domain: Option<String>,
    #[serde(default)]
    pub(crate) unit: Option<String>,
    #[serde(default)]
    pub(crate) direction: Direction,
    #[serde(default)]
    pub(crate) decimals: Option<u8>,
    #[serde(default)]
    pub(crate) target: Option<RawTarget>,
    #[serde(default)]
    pub(crate) rank: Option<Rank>,
    #[serde(default)]
    pub(crate) source: Option<String>,
    #[serde(default)]
    pub(crate) source_url: Option<String>,
    #[serde(default)]
    pub(crate) notes: Option<String>,
    #[serde(default)]
    pub(crate) sample: bool,
    #[serde(default)]
    pub(crate) series: Option<Entries<SeriesKey, RawPoint>>,
    #[serde(default)]
    pub(crate) districts: Option<Entries<String, f64>>,
    #[serde(default)]
    pub(crate) districts_year: Option<i32>,
    #[serde(default)]
    pub(crate) districts_sample: bool,
    #[serde(default)]
    pub(crate) csv: Option<CsvOptions>,
    #[serde(default)]
    pub(crate) denominator: Option<DenominatorRef>,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More is better.
    #[default]
    Up,
    /// Less is better.
    Down,
}

/// A ranking, e.g. 1st of 13 in the province.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rank {
    /// 1 is best.
    pub position: u32,
    /// Out of how many.
    #[serde(default)]
    pub of: Option<u32>,
    /// Where, e.g. 全省.
    #[serde(default)]
    pub scope: Option<String>,
    /// In which year.
    #[serde(default)]
    pub year: Option<i32>,
}

/// How `YYYY-NN` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Ambiguous {
    /// By the column's context (the rule in the module docs).
    #[default]
    Auto,
    /// Always a month.
    Months,
    /// Always a span of years.
    Windows,
}

/// `denominator:` in an indicator: an id, or `{id, per, year}`.
#[derive(Debug, Clone, Default)]
pub(crate) struct DenominatorRef {
    /// The id named.
    pub(crate) id: String,
    /// The scale, as written (`10000`, `万`).
    pub(crate) per: Option<String>,
    /// The year of the denominator to use.
    pub(crate) year: Option<i32>,
    /// Written as a mapping (messages then point inside it).
    pub(crate) mapping: bool,
}

impl DenominatorRef {
    /// The id named.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }
}

impl<'de> Deserialize<'de> for DenominatorRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DenominatorRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "the id of a denominator, e.g. population, or {id: population, per: 10000}",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DenominatorRef, E> {
                Ok(DenominatorRef {
                    id: v.trim().to_string(),
                    ..DenominatorRef::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<DenominatorRef, A::Error> {
                let mut out = DenominatorRef {
                    mapping: true,
                    ..DenominatorRef::default()
                };
                let mut id = None;
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "id" => id = Some(m.next_value::<String>()?),
                        "per" => out.per = Some(m.next_value::<Scalar>()?.0),
                        "year" => out.year = Some(m.next_value::<i32>()?),
                        other => {
                            return Err(de::Error::unknown_field(other, &["id", "per", "year"]))
                        }
                    }
                }
                out.id = id.ok_or_else(|| de::Error::missing_field("id"))?;
                Ok(out)
            }
        }
        d.deserialize_any(V)
    }
}

/// A number or a word, kept as text.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number such as 10000, or 万")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.trim().to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
