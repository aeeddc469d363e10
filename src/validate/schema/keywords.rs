//! Keywords that constrain a value whatever its type: `enum`, string lengths, `pattern`,
//! `format`, numeric bounds and `multipleOf`, and the combinators `allOf`, `anyOf`, `oneOf`
//! and `not`, which in a structural schema only validate values.

use serde_json::Value;

use super::super::problem::{Problem, describe, shown};
use super::{Checked, Schema, formats, json_eq};
use crate::diagnostics::did_you_mean;

impl Schema {
    /// Keywords that constrain a value of any type.
    pub(super) fn value_keywords(
        &self,
        schema: &Value,
        value: &Value,
        path: &str,
        out: &mut Checked,
    ) {
        let shown = shown(path);
        let mut push = |problem: Problem| out.problems.push(problem);
        if let Some(allowed) = schema["enum"].as_array()
            && !allowed.is_empty()
            && !allowed.iter().any(|a| json_eq(a, value))
        {
            push(enum_problem(path, allowed, value));
        }
        if let Some(text) = value.as_str() {
            let length = text.chars().count() as u64;
            if let Some(max) = schema["maxLength"].as_u64()
                && length > max
            {
                push(Problem::new(
                    path,
                    format!("{shown} must be at most {max} characters long"),
                ));
            }
            if let Some(min) = schema["minLength"].as_u64()
                && length < min
            {
                push(Problem::new(
                    path,
                    format!("{shown} must be at least {min} characters long"),
                ));
            }
            if let Some(pattern) = schema["pattern"].as_str()
                && self.pattern(pattern).is_some_and(|re| !re.is_match(text))
            {
                push(Problem::new(
                    path,
                    format!("{shown} must match the pattern `{pattern}`, not \"{text}\""),
                ));
            }
            if let Some(format) = schema["format"].as_str()
                && let Some(expected) = formats::check_string(format, text)
            {
                push(Problem::new(
                    path,
                    format!("{shown} must be {expected}, not \"{text}\""),
                ));
            }
        }
        if let Some(number) = value.as_f64() {
            if let Some(format) = schema["format"].as_str()
                && let Some(why) = formats::check_integer(format, value)
            {
                push(Problem::new(path, format!("{shown} {why}")));
            }
            let exclusive = |key: &str| schema[key] == true;
            if let Some(min) = schema["minimum"].as_f64()
                && (number < min || (exclusive("exclusiveMinimum") && number == min))
            {
                let bound = if exclusive("exclusiveMinimum") {
                    "greater than"
                } else {
                    "at least"
                };
                push(Problem::new(
                    path,
                    format!("{shown} must be {bound} {}", schema["minimum"]),
                ));
            }
            if let Some(max) = schema["maximum"].as_f64()
                && (number > max || (exclusive("exclusiveMaximum") && number == max))
            {
                let bound = if exclusive("exclusiveMaximum") {
                    "less than"
                } else {
                    "at most"
                };
                push(Problem::new(
                    path,
                    format!("{shown} must be {bound} {}", schema["maximum"]),
                ));
            }
            if let Some(step) = schema["multipleOf"].as_f64()
                && step > 0.0
                && (number / step).fract().abs() > 1e-9
            {
                push(Problem::new(
                    path,
                    format!("{shown} must be a multiple of {}", schema["multipleOf"]),
                ));
            }
        }
        self.combinators(schema, value, path, out);
    }

    /// `allOf`, `anyOf`, `oneOf` and `not`, as value validations.
    fn combinators(&self, schema: &Value, value: &Value, path: &str, out: &mut Checked) {
        let shown = shown(path);
        let branches = |key: &str| schema[key].as_array().map(Vec::as_slice).unwrap_or(&[]);
        for branch in branches("allOf") {
            if let Err(problems) = self.passes(branch, value, path) {
                out.problems.extend(problems);
            }
        }
        let any = branches("anyOf");
        if !any.is_empty() {
            let results: Vec<_> = any.iter().map(|b| self.passes(b, value, path)).collect();
            if results.iter().all(Result::is_err) {
                out.problems.push(branch_problem(
                    path,
                    format!("{shown} matches none of the schema's `anyOf` alternatives"),
                    &results,
                ));
            }
        }
        let one = branches("oneOf");
        if !one.is_empty() {
            let results: Vec<_> = one.iter().map(|b| self.passes(b, value, path)).collect();
            match results.iter().filter(|r| r.is_ok()).count() {
                1 => {}
                0 => out.problems.push(branch_problem(
                    path,
                    format!("{shown} matches none of the schema's `oneOf` alternatives"),
                    &results,
                )),
                n => out.problems.push(
                    Problem::new(
                        path,
                        format!("{shown} matches {n} of the schema's `oneOf` alternatives, and must match exactly one"),
                    )
                    .hint("set only one of the fields the alternatives are about"),
                ),
            }
        }
        if let Some(not) = schema.get("not")
            && self.passes(not, value, path).is_ok()
        {
            out.problems.push(Problem::new(
                path,
                format!("{shown} matches what the schema's `not` forbids"),
            ));
        }
    }
}

fn branch_problem(path: &str, message: String, results: &[Result<(), Vec<Problem>>]) -> Problem {
    let first = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .filter_map(|problems| problems.first())
        .map(|p| p.message.clone())
        .collect::<Vec<_>>();
    let mut problem = Problem::new(path, message);
    if !first.is_empty() {
        problem = problem.hint(first.join("; or "));
    }
    problem
}

fn enum_problem(path: &str, allowed: &[Value], value: &Value) -> Problem {
    let list: Vec<String> = allowed
        .iter()
        .filter(|a| *a != "")
        .map(|a| match a {
            Value::String(s) => format!("`{s}`"),
            other => format!("`{other}`"),
        })
        .collect();
    let mut problem = Problem::new(
        path,
        format!(
            "{} must be one of {}, not {}",
            shown(path),
            list.join(", "),
            describe(value)
        ),
    );
    if let Some(text) = value.as_str() {
        let names = allowed.iter().filter_map(Value::as_str);
        let lower = text.to_ascii_lowercase();
        let same_but_case = allowed
            .iter()
            .filter_map(Value::as_str)
            .find(|a| a.to_ascii_lowercase() == lower);
        if let Some(best) = same_but_case.or_else(|| did_you_mean(text, names)) {
            problem = problem.hint(format!("did you mean `{best}`?"));
        }
    }
    problem
}
