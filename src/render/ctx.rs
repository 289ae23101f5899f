//! Template contexts through one interface, [`Sink`]: the same view code either
//! hashes what it would hand to a template ([`HashSink`], giving the output's memo
//! key) or builds the tera context. An output's key is therefore made from exactly
//! the values its template receives: there is no hand-kept list of inputs that
//! could miss one.

use std::hash::{Hash, Hasher};

use serde::ser::{self, Serialize, Serializer};

/// Where a view puts the values its template sees.
pub(crate) trait Sink {
    /// Hands `value` to the template as `key`.
    fn put<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T);
}

impl Sink for tera::Context {
    fn put<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        let outer = TO_TEMPLATE.with(|t| t.replace(true));
        self.insert(key, value);
        TO_TEMPLATE.with(|t| t.set(outer));
    }
}

use crate::text::hash::hasher;

thread_local! {
    /// Set while a [`HashSink`] serializes: [`Keyed`] values then hash their key.
    static HASHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set while a tera context takes a value: [`Keyed`] values made from a
    /// [`Shared`] then hand over their template value, made once.
    static TO_TEMPLATE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A value many outputs show (a listing entry), with its key and, once the
/// first template has received it, its template value: every later listing
/// that shows it takes that value (a reference count) instead of copying each
/// string again. Half the time of re-rendering the section listings went there.
pub(crate) struct Shared<T> {
    value: T,
    key: u64,
    template: std::sync::OnceLock<tera::Value>,
}

impl<T: Serialize> Shared<T> {
    /// `value` with its key ([`key_of_serialized`]).
    pub(crate) fn new(value: T) -> Self {
        let key = key_of_serialized(&value);
        Shared {
            value,
            key,
            template: std::sync::OnceLock::new(),
        }
    }

    /// The value and its key, as a view hands them on.
    pub(crate) fn keyed(&self) -> Keyed<'_, T> {
        Keyed {
            value: &self.value,
            key: self.key,
            template: Some(&self.template),
        }
    }

    /// The value.
    pub(crate) fn value(&self) -> &T {
        &self.value
    }

    /// The key of the value.
    pub(crate) fn key(&self) -> u64 {
        self.key
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value.fmt(f)
    }
}

/// A value handed to templates together with a key of it computed once (a page's
/// HTML, a listing entry): a template receives the value, a [`HashSink`] hashes the
/// key instead of walking the value again for every output that shows it.
pub(crate) struct Keyed<'a, T: ?Sized> {
    value: &'a T,
    key: u64,
    template: Option<&'a std::sync::OnceLock<tera::Value>>,
}

impl<'a, T: Serialize + ?Sized> Keyed<'a, T> {
    /// `value` with its key: [`key_of_serialized`] of it, or any other hash of all of it.
    pub(crate) fn new(value: &'a T, key: u64) -> Self {
        Keyed {
            value,
            key,
            template: None,
        }
    }
}

impl<T: ?Sized> Clone for Keyed<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Keyed<'_, T> {}

impl<T: std::fmt::Debug + ?Sized> std::fmt::Debug for Keyed<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: Serialize + ?Sized> Serialize for Keyed<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if HASHING.with(std::cell::Cell::get) {
            return s.serialize_u64(self.key);
        }
        match self.template {
            Some(cell) if TO_TEMPLATE.with(std::cell::Cell::get) => cell
                .get_or_init(|| tera::Value::from_serializable(self.value))
                .serialize(s),
            _ => self.value.serialize(s),
        }
    }
}

/// Hashes every value put into it, with its key, in order.
pub(crate) struct HashSink(ahash::AHasher);

impl Default for HashSink {
    fn default() -> Self {
        HashSink(hasher())
    }
}

impl HashSink {
    /// The key of everything put so far.
    pub(crate) fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl Sink for HashSink {
    fn put<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        key.hash(&mut self.0);
        let outer = HASHING.with(|h| h.replace(true));
        // Hashing cannot fail; a value whose Serialize fails hashes what came before.
        let _ = value.serialize(HashSer(&mut self.0));
        HASHING.with(|h| h.set(outer));
    }
}

/// Hashes any `Serialize` value, e.g. a listing entry, into one key (whole: a
/// [`Keyed`] inside it is walked, not taken by its key).
pub(crate) fn key_of_serialized<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = hasher();
    let outer = HASHING.with(|f| f.replace(false));
    let _ = value.serialize(HashSer(&mut h));
    HASHING.with(|f| f.set(outer));
    h.finish()
}

/// A serde serializer that feeds a hasher: every scalar with a tag of its kind,
/// strings and bytes with their length, compounds with their names and an end mark.
pub(crate) struct HashSer<'h, H: Hasher>(pub &'h mut H);

/// Never produced: hashing cannot fail.
#[derive(Debug)]
pub(crate) struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("hashing failed")
    }
}
impl std::error::Error for Never {}
impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! scalar {
    ($($name:ident: $t:ty = $tag:expr),* $(,)?) => {$(
        fn $name(self, v: $t) -> Result<(), Never> {
            self.0.write_u8($tag);
            v.hash(self.0);
            Ok(())
        }
    )*};
}

impl<'h, H: Hasher> Serializer for HashSer<'h, H> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    scalar! {
        serialize_bool: bool = 1, serialize_i8: i8 = 2, serialize_i16: i16 = 3,
        serialize_i32: i32 = 4, serialize_i64: i64 = 5, serialize_u8: u8 = 6,
        serialize_u16: u16 = 7, serialize_u32: u32 = 8, serialize_u64: u64 = 9,
        serialize_char: char = 10, serialize_str: &str = 11, serialize_bytes: &[u8] = 12,
        serialize_i128: i128 = 13, serialize_u128: u128 = 14,
    }

    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.0.write_u8(15);
        self.0.write_u32(v.to_bits());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.0.write_u8(16);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.0.write_u8(17);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Never> {
        self.0.write_u8(18);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        self.0.write_u8(19);
        Ok(())
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Never> {
        name.hash(self.0);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, i: u32, v: &'static str) -> Result<(), Never> {
        (i, v).hash(self.0);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        name.hash(self.0);
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        i: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        (i, variant).hash(self.0);
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.0.write_u8(20);
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        self.0.write_u8(21);
        Ok(self)
    }
    fn serialize_tuple_struct(self, name: &'static str, _: usize) -> Result<Self, Never> {
        name.hash(self.0);
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        i: u32,
        v: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.variant(i, v)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Never> {
        self.0.write_u8(22);
        Ok(self)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self, Never> {
        name.hash(self.0);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        i: u32,
        v: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.variant(i, v)
    }
}

impl<H: Hasher> HashSer<'_, H> {
    fn variant(self, index: u32, name: &'static str) -> Result<Self, Never> {
        (index, name).hash(self.0);
        Ok(self)
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        self.0.write_u8(23);
        v.serialize(HashSer(&mut *self.0))
    }
    fn end_mark(self) -> Result<(), Never> {
        self.0.write_u8(24);
        Ok(())
    }
}

macro_rules! compound {
    ($($tr:ident :: $m:ident),*) => {$(
        impl<H: Hasher> ser::$tr for HashSer<'_, H> {
            type Ok = ();
            type Error = Never;
            fn $m<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
                self.element(v)
            }
            fn end(self) -> Result<(), Never> {
                self.end_mark()
            }
        }
    )*};
}
compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<H: Hasher> ser::SerializeMap for HashSer<'_, H> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Never> {
        self.element(k)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        self.element(v)
    }
    fn end(self) -> Result<(), Never> {
        self.end_mark()
    }
}

macro_rules! fields {
    ($($tr:ident),*) => {$(
        impl<H: Hasher> ser::$tr for HashSer<'_, H> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, v: &T) -> Result<(), Never> {
                name.hash(self.0);
                self.element(v)
            }
            fn skip_field(&mut self, name: &'static str) -> Result<(), Never> {
                name.hash(self.0);
                self.0.write_u8(25);
                Ok(())
            }
            fn end(self) -> Result<(), Never> {
                self.end_mark()
            }
        }
    )*};
}
fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct V<'a> {
        a: &'a str,
        b: Option<u32>,
        c: Vec<&'a str>,
    }

    fn key(v: &V<'_>) -> u64 {
        let mut s = HashSink::default();
        s.put("v", v);
        s.finish()
    }

    #[test]
    fn keys_follow_every_value_and_their_structure() {
        let base = key(&V {
            a: "x",
            b: Some(1),
            c: vec!["p", "q"],
        });
        assert_eq!(
            base,
            key(&V {
                a: "x",
                b: Some(1),
                c: vec!["p", "q"]
            })
        );
        for other in [
            V {
                a: "y",
                b: Some(1),
                c: vec!["p", "q"],
            },
            V {
                a: "x",
                b: None,
                c: vec!["p", "q"],
            },
            V {
                a: "x",
                b: Some(1),
                c: vec!["pq"],
            },
            V {
                a: "x",
                b: Some(1),
                c: vec!["p", "q", ""],
            },
        ] {
            assert_ne!(base, key(&other));
        }
    }
}
