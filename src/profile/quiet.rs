//! Reading typed data out of a JSON value without serde_json's error messages.
//!
//! The web form builds a JSON value it has already typed field by field, so reading the profile
//! out of it cannot fail on anything a merchant typed. serde_json's own value deserializer
//! still carries its whole message machinery (formatting what it found, escaping text), several
//! KB of the first load for errors that never happen there. This deserializer gives the same
//! result with an error that only says "not a profile".

use serde::de::value::{MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde_json::Value;

/// The value did not have the shape the type reads; nothing more is said.
#[derive(Debug)]
pub struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the value does not have the expected shape")
    }
}

impl std::error::Error for Unreadable {}

impl de::Error for Unreadable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unreadable
    }
}

/// `T` read out of `value`.
pub fn from_value<T: de::DeserializeOwned>(value: Value) -> Result<T, Unreadable> {
    T::deserialize(Quiet(value))
}

/// A JSON value as a serde deserializer with [`Unreadable`] errors.
struct Quiet(Value);

impl<'de> IntoDeserializer<'de, Unreadable> for Quiet {
    type Deserializer = Quiet;
    fn into_deserializer(self) -> Quiet {
        self
    }
}

impl<'de> Deserializer<'de> for Quiet {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => visitor.visit_i64(i),
                (None, Some(u)) => visitor.visit_u64(u),
                _ => visitor.visit_f64(n.as_f64().ok_or(Unreadable)?),
            },
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(Quiet));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(map) => {
                let mut entries = MapDeserializer::new(map.into_iter().map(|(k, v)| (k, Quiet(v))));
                let value = visitor.visit_map(&mut entries)?;
                entries.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(Quiet(other)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        // The profile's choices are unit variants, written as their names.
        match self.0 {
            Value::String(name) => {
                visitor.visit_enum(StrDeserializer::<Unreadable>::new(name.as_str()))
            }
            _ => Err(Unreadable),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_a_profile_as_serde_json_does() {
        for name in ["strong", "weak", "new-business", "invalid"] {
            let text = std::fs::read_to_string(format!(
                "{}/examples/profiles/{name}.json",
                env!("CARGO_MANIFEST_DIR")
            ))
            .expect("sample");
            let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let quiet: super::super::MerchantProfile =
                super::from_value(value.clone()).expect("reads");
            let loud: super::super::MerchantProfile = serde_json::from_value(value).expect("reads");
            assert_eq!(quiet, loud, "{name}");
        }
        let mut value: serde_json::Value =
            serde_json::from_str(include_str!("../../examples/profiles/strong.json"))
                .expect("JSON");
        value["business"]["employees"] = serde_json::json!("twelve");
        assert!(super::from_value::<super::super::MerchantProfile>(value).is_err());
    }
}
