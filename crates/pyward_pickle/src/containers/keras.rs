//! Keras model configs (`config.json` in a `.keras` archive): `Lambda`
//! layers and serialized lambda functions, at any depth.

use serde_json::Value;

/// JSON paths of every Lambda layer or serialized Python function.
pub fn lambda_layers(config: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(config, "$", &mut found);
    found
}

fn walk(value: &Value, path: &str, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let class = map.get("class_name").and_then(Value::as_str);
            if matches!(class, Some("Lambda" | "__lambda__")) {
                found.push(path.to_string());
            }
            for (key, child) in map {
                walk(child, &format!("{path}.{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_lambdas() {
        let config: Value = serde_json::from_str(
            r#"{"class_name": "Functional", "config": {"layers": [
                {"class_name": "Dense"},
                {"class_name": "Sequential", "config": {"layers": [{"class_name": "Lambda", "config": {}}]}}
            ]}}"#,
        )
        .unwrap();
        assert_eq!(lambda_layers(&config), vec!["$.config.layers[1].config.layers[0]"]);
        assert!(lambda_layers(&serde_json::json!({"class_name": "Dense"})).is_empty());
    }
}
