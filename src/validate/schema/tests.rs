use super::*;
use serde_json::json;

fn vpa() -> Schema {
    Schema::new(json!({
        "type": "object",
        "properties": {
            "spec": {
                "type": "object",
                "required": ["targetRef"],
                "properties": {
                    "targetRef": {"type": "object", "properties": {"kind": {"type": "string"}, "name": {"type": "string"}}},
                    "updatePolicy": {"type": "object", "properties": {"updateMode": {"type": "string", "enum": ["Off", "Initial", "Recreate", "Auto"]}}},
                    "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                    "port": {"x-kubernetes-int-or-string": true}
                }
            }
        }
    }))
}

fn messages(schema: &Schema, value: Value) -> Vec<String> {
    schema
        .check(&value)
        .problems
        .into_iter()
        .map(|p| {
            if p.path.is_empty() {
                p.message
            } else {
                format!("{}: {}", p.path, p.message)
            }
        })
        .collect()
}

#[test]
fn a_matching_object_passes() {
    let value = json!({"apiVersion": "a/v1", "kind": "K", "metadata": {"name": "x"},
        "spec": {"targetRef": {"kind": "Deployment", "name": "web"}, "extra": {"anything": 1}, "port": "http"}});
    assert_eq!(messages(&vpa(), value), Vec::<String>::new());
}

#[test]
fn unknown_fields_enums_and_required_fields_are_reported() {
    let value = json!({"metadata": {"name": "x"}, "spec": {"updatePolicy": {"updateMode": "Sometimes"}, "tagetRef": {}}});
    let problems = vpa().check(&value).problems;
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "spec.targetRef",
            "spec.tagetRef",
            "spec.updatePolicy.updateMode"
        ],
        "{problems:?}"
    );
    assert_eq!(
        problems[1].hint.as_deref(),
        Some("did you mean `targetRef`?")
    );
    assert_eq!(
        problems[2].message,
        "`spec.updatePolicy.updateMode` must be one of `Off`, `Initial`, `Recreate`, `Auto`, not the string \"Sometimes\""
    );
}

#[test]
fn a_present_null_is_unset_and_reported_at_the_field() {
    let value = json!({"spec": {"targetRef": null}});
    let problems = vpa().check(&value).problems;
    assert_eq!(problems[0].path, "spec.targetRef");
    assert_eq!(
        problems[0].message,
        "`spec.targetRef` is required but missing"
    );
}

#[test]
fn enums_of_any_type_patterns_and_bounds() {
    let schema = Schema::new(json!({"type": "object", "properties": {
        "size": {"type": "integer", "enum": [1, 2, 4], "minimum": 1, "maximum": 4},
        "colour": {"type": "string", "enum": ["red", "white"]},
        "name": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 5},
        "ratio": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2, "x-kubernetes-list-type": "set"}
    }}));
    assert_eq!(
        messages(
            &schema,
            json!({"size": 2, "colour": "red", "name": "abc", "ratio": 0.5, "tags": ["a"]})
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        messages(
            &schema,
            json!({"size": 3, "colour": "Red", "name": "Abcdef", "ratio": 0, "tags": ["a", "b", "a"]})
        ),
        [
            "colour: `colour` must be one of `red`, `white`, not the string \"Red\"",
            "name: `name` must be at most 5 characters long",
            "name: `name` must match the pattern `^[a-z]+$`, not \"Abcdef\"",
            "ratio: `ratio` must be greater than 0",
            "size: `size` must be one of `1`, `2`, `4`, not the number 3",
            "tags: `tags` must have at most 2 items",
            "tags[2]: `tags[2]` repeats an earlier item of a set",
        ]
    );
}

#[test]
fn combinators_validate_values_without_declaring_fields() {
    let schema = Schema::new(json!({"type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "n": {"type": "integer", "not": {"enum": [0]}}},
        "oneOf": [{"required": ["a"]}, {"required": ["b"]}],
        "anyOf": [{"properties": {"a": {"maxLength": 3}}}, {"required": ["b"]}]
    }));
    assert_eq!(messages(&schema, json!({"a": "x"})), Vec::<String>::new());
    let both = messages(&schema, json!({"a": "x", "b": "y"}));
    assert_eq!(
        both,
        ["the object matches 2 of the schema's `oneOf` alternatives, and must match exactly one"]
    );
    let none = messages(&schema, json!({"n": 0}));
    assert_eq!(
        none,
        [
            "n: `n` matches what the schema's `not` forbids",
            "the object matches none of the schema's `oneOf` alternatives",
        ]
    );
    assert_eq!(
        messages(&schema, json!({"a": "toolong"})),
        ["the object matches none of the schema's `anyOf` alternatives"]
    );
}

#[test]
fn int_or_string_formats_and_cel_rules() {
    let schema = Schema::new(json!({"type": "object",
    "x-kubernetes-validations": [{"rule": "self.min <= self.max"}],
    "properties": {
        "port": {"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^[a-z]+$"}]},
        "when": {"type": "string", "format": "date-time"},
        "count": {"type": "integer", "format": "int32"}
    }}));
    let checked =
        schema.check(&json!({"port": 8080, "when": "2025-01-01T00:00:00Z", "count": 3.0}));
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(checked.unevaluated, [""]);
    assert_eq!(
        messages(
            &schema,
            json!({"port": 1.5, "when": "soon", "count": 3_000_000_000u64})
        ),
        [
            "count: `count` is too large for a 32-bit integer",
            "port: `port` must be an integer or a string, not the number 1.5",
            "when: `when` must be a date and time in RFC 3339 form, e.g. 2025-01-31T09:30:00Z, not \"soon\"",
        ]
    );
    assert_eq!(
        messages(&schema, json!({"port": "HTTP"})),
        ["port: `port` matches none of the schema's `anyOf` alternatives"]
    );
}

#[test]
fn placeholders_are_not_checked() {
    let schema = Schema::new(
        json!({"type": "object", "properties": {"n": {"type": "integer"}, "s": {"type": "string", "enum": ["a"]}}}),
    );
    assert_eq!(
        messages(&schema, json!({"n": "{{ .Values.n }}", "s": "${S}"})),
        Vec::<String>::new()
    );
}
