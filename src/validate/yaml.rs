//! YAML documents as JSON values, with the line and column of every key and item, so that a
//! problem found in the value can be shown where the author wrote it.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

use crate::diagnostics::Pos;

/// One document of a YAML file.
#[derive(Debug)]
pub struct Document {
    pub value: Value,
    /// Where the document starts.
    pub pos: Pos,
    /// Positions by path (`spec.containers[0].image`); keys point at the key, items at the item.
    pub positions: HashMap<String, Pos>,
}

impl Document {
    /// The position of `path`, or of its closest ancestor that has one.
    pub fn position(&self, path: &str) -> Pos {
        let mut current = path;
        loop {
            if let Some(pos) = self.positions.get(current) {
                return *pos;
            }
            match current.rfind(['.', '[']) {
                Some(cut) => current = &current[..cut],
                None => return self.pos,
            }
        }
    }
}

/// A YAML syntax error.
#[derive(Debug)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parse every document of `text`.
pub fn parse(text: &str) -> Result<Vec<Document>, SyntaxError> {
    let docs = MarkedYaml::load_from_str(text).map_err(|err| SyntaxError {
        pos: Pos::new(err.marker().line().max(1), err.marker().col() + 1),
        message: err.info().to_string(),
    })?;
    let mut out = Vec::with_capacity(docs.len());
    for doc in &docs {
        let mut positions = HashMap::new();
        let value = convert(doc, String::new(), &mut positions)?;
        out.push(Document {
            value,
            pos: marker_pos(doc),
            positions,
        });
    }
    Ok(out)
}

fn marker_pos(node: &MarkedYaml<'_>) -> Pos {
    Pos::new(node.span.start.line().max(1), node.span.start.col() + 1)
}

fn convert(
    node: &MarkedYaml<'_>,
    path: String,
    positions: &mut HashMap<String, Pos>,
) -> Result<Value, SyntaxError> {
    Ok(match &node.data {
        YamlData::Value(scalar) => scalar_value(scalar),
        YamlData::Representation(text, _, _) => Value::String(text.to_string()),
        YamlData::Sequence(items) => {
            let mut values = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{path}[{i}]");
                positions.insert(item_path.clone(), marker_pos(item));
                values.push(convert(item, item_path, positions)?);
            }
            Value::Array(values)
        }
        YamlData::Mapping(entries) => {
            let mut map = Map::with_capacity(entries.len());
            for (key, value) in entries {
                let name = match &key.data {
                    YamlData::Value(scalar) => scalar_key(scalar),
                    YamlData::Representation(text, _, _) => text.to_string(),
                    _ => {
                        return Err(SyntaxError {
                            pos: marker_pos(key),
                            message: "complex mapping keys are not supported in samples".into(),
                        });
                    }
                };
                let key_path = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                positions.insert(key_path.clone(), marker_pos(key));
                let converted = convert(value, key_path, positions)?;
                map.insert(name, converted);
            }
            Value::Object(map)
        }
        YamlData::Tagged(_, inner) => convert(inner, path, positions)?,
        YamlData::Alias(_) => Value::Null,
        YamlData::BadValue => {
            return Err(SyntaxError {
                pos: marker_pos(node),
                message: "this value does not match its tag".into(),
            });
        }
    })
}

fn scalar_value(scalar: &Scalar<'_>) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number((*i).into()),
        Scalar::FloatingPoint(f) => {
            Number::from_f64(f.into_inner()).map_or(Value::Null, Value::Number)
        }
        Scalar::String(s) => Value::String(s.to_string()),
    }
}

fn scalar_key(scalar: &Scalar<'_>) -> String {
    match scalar {
        Scalar::Null => "null".into(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(i) => i.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::String(s) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_the_positions_of_keys_and_items() {
        let docs = parse(
            "a: 1\n---\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        let pod = &docs[1];
        assert_eq!(pod.value["spec"]["containers"][0]["image"], "nginx");
        assert_eq!(pod.position("spec.containers[0].image"), Pos::new(7, 7));
        assert_eq!(pod.position("spec.containers[0].missing"), Pos::new(6, 7));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(err.pos.line >= 2, "{err:?}");
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.pos.line, 2);
    }

    #[test]
    fn scalars_follow_yaml_1_2() {
        let docs = parse("n: 3\nf: 1.5\nb: true\ns: \"3\"\nnull_value: ~\nword: yes\n").unwrap();
        let v = &docs[0].value;
        assert!(v["n"].is_i64() && v["f"].is_f64() && v["b"].is_boolean() && v["s"].is_string());
        assert!(v["null_value"].is_null());
        assert_eq!(v["word"], "yes");
    }
}
