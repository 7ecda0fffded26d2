//! The API reference for people, read from the same OpenAPI document the code generates (so
//! it cannot drift from the routes): operations grouped by tag, their parameters, the shape of
//! their answers, and an example request that works on this database.

use serde_json::Value;

/// One documented operation.
pub struct Operation {
    pub method: String,
    pub path: String,
    /// The anchor id of its section.
    pub anchor: String,
    pub summary: String,
    pub description: String,
    pub params: Vec<Param>,
    /// (status, type of the body)
    pub responses: Vec<(String, Field)>,
    /// A request URL with real values filled in.
    pub example: String,
}

pub struct Param {
    pub name: String,
    pub location: String,
    pub required: bool,
    pub ty: String,
    pub description: String,
}

/// A type as shown: text, and the schema it links to when it names one.
pub struct Field {
    pub ty: String,
    pub link: Option<String>,
}

pub struct Property {
    pub name: String,
    pub required: bool,
    pub field: Field,
    pub description: String,
}

pub struct Schema {
    pub name: String,
    pub description: String,
    pub properties: Vec<Property>,
    /// For schemas that are not objects (enums, aliases): their type.
    pub ty: String,
}

pub struct Tag {
    pub name: String,
    pub description: String,
    pub operations: Vec<Operation>,
}

pub struct Reference {
    pub title: String,
    pub version: String,
    pub description: String,
    pub tags: Vec<Tag>,
    pub schemas: Vec<Schema>,
}

/// Values for path and query parameters in the examples: ids this database has.
pub struct Examples {
    pub cluster: String,
    pub sub_cluster: String,
    pub soc: String,
    pub cip: String,
    pub naics: String,
    pub state: String,
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn ref_name(r: &str) -> Option<&str> {
    r.strip_prefix("#/components/schemas/")
}

/// A schema as a short type: `string | null`, `array of Assignment`, `object {a, b}`.
pub fn field(s: &Value) -> Field {
    if let Some(name) = s.get("$ref").and_then(Value::as_str).and_then(ref_name) {
        return Field { ty: name.to_owned(), link: Some(name.to_owned()) };
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(alts) = s.get(key).and_then(Value::as_array) {
            let fields: Vec<Field> = alts.iter().map(field).collect();
            let link = fields.iter().find_map(|f| f.link.clone());
            let ty = fields.into_iter().map(|f| f.ty).collect::<Vec<_>>().join(" | ");
            return Field { ty, link };
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        let vals: Vec<String> =
            e.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect();
        return Field { ty: format!("one of {}", vals.join(", ")), link: None };
    }
    let types: Vec<String> = match s.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let mut link = None;
    let shown: Vec<String> = types
        .iter()
        .map(|t| match t.as_str() {
            "array" => {
                let inner = s.get("items").map(field);
                let inner = inner.map(|f| {
                    link = f.link;
                    f.ty
                });
                format!("array of {}", inner.unwrap_or_else(|| "values".into()))
            }
            "object" => match s.get("properties").and_then(Value::as_object) {
                Some(p) if !p.is_empty() => {
                    format!("object {{{}}}", p.keys().cloned().collect::<Vec<_>>().join(", "))
                }
                _ => "object".into(),
            },
            other => other.to_owned(),
        })
        .collect();
    if shown.is_empty() {
        return Field { ty: "any".into(), link: None };
    }
    Field { ty: shown.join(" | "), link }
}

fn properties(s: &Value) -> Vec<Property> {
    let required: Vec<&str> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(props) = s.get("properties").and_then(Value::as_object) else { return Vec::new() };
    props
        .iter()
        .map(|(name, p)| {
            // A `$ref` with a description is wrapped in `oneOf` by the generator; the
            // description sits on the alternative.
            let description = match text(p, "description") {
                d if !d.is_empty() => d,
                _ => p
                    .get("oneOf")
                    .and_then(Value::as_array)
                    .and_then(|a| a.iter().map(|x| text(x, "description")).find(|d| !d.is_empty()))
                    .unwrap_or_default(),
            };
            Property {
                name: name.clone(),
                required: required.contains(&name.as_str()),
                field: field(p),
                description,
            }
        })
        .collect()
}

impl Examples {
    fn path_value(&self, path: &str, name: &str) -> String {
        match name {
            "soc" => self.soc.clone(),
            "cip" => self.cip.clone(),
            "naics" => self.naics.clone(),
            "state" => self.state.clone(),
            _ if path.contains("/sub-clusters/") => self.sub_cluster.clone(),
            _ => self.cluster.clone(),
        }
    }

    /// A query that shows what the operation is for (free-text operations need one).
    fn query(&self, path: &str) -> String {
        match path.trim_start_matches("/api/v1") {
            "/search" => "q=nurse".into(),
            "/match" => "q=registered%20nurse".into(),
            "/occupations" | "/programs" => format!("cluster={}&per_page=10", self.cluster),
            "/crosswalk" => format!("cluster={}&primary_only=true&per_page=10", self.cluster),
            "/industries" => "level=sector".into(),
            p if p.starts_with("/profiles/") => format!("state={}", self.state),
            _ => String::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        let mut out = String::new();
        let mut rest = path;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else { break };
            out.push_str(&rest[..start]);
            out.push_str(&self.path_value(path, &rest[start + 1..start + len]));
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        let q = self.query(path);
        if !q.is_empty() {
            out.push('?');
            out.push_str(&q);
        }
        out
    }
}

fn anchor(method: &str, path: &str) -> String {
    let slug: String = path
        .trim_start_matches("/api/v1")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("op-{method}{}", slug.trim_end_matches('-'))
}

/// Reads the reference out of an OpenAPI 3.1 document.
pub fn reference(doc: &Value, ex: &Examples) -> Reference {
    let info = doc.get("info").cloned().unwrap_or(Value::Null);
    let mut tags: Vec<Tag> = doc
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|t| Tag {
            name: text(t, "name"),
            description: text(t, "description"),
            operations: Vec::new(),
        })
        .collect();
    let paths = doc.get("paths").and_then(Value::as_object);
    for (path, item) in paths.into_iter().flatten() {
        let Some(ops) = item.as_object() else { continue };
        for (method, op) in ops {
            if !["get", "post", "put", "patch", "delete", "head"].contains(&method.as_str()) {
                continue;
            }
            let params = op
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|p| Param {
                    name: text(p, "name"),
                    location: text(p, "in"),
                    required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                    ty: p.get("schema").map(field).map(|f| f.ty).unwrap_or_default(),
                    description: text(p, "description"),
                })
                .collect();
            let responses = op
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(status, r)| {
                    let body = r
                        .pointer("/content/application~1json/schema")
                        .map(field)
                        .unwrap_or(Field { ty: text(r, "description"), link: None });
                    (status.clone(), body)
                })
                .collect();
            let operation = Operation {
                method: method.to_uppercase(),
                path: path.clone(),
                anchor: anchor(method, path),
                summary: text(op, "summary"),
                description: text(op, "description"),
                params,
                responses,
                example: ex.url(path),
            };
            let tag = op
                .get("tags")
                .and_then(|t| t.get(0))
                .and_then(Value::as_str)
                .unwrap_or("other")
                .to_owned();
            match tags.iter_mut().find(|t| t.name == tag) {
                Some(t) => t.operations.push(operation),
                None => tags.push(Tag {
                    name: tag,
                    description: String::new(),
                    operations: vec![operation],
                }),
            }
        }
    }
    tags.retain(|t| !t.operations.is_empty());
    let schemas = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, s)| Schema {
            name: name.clone(),
            description: text(s, "description"),
            properties: properties(s),
            ty: field(s).ty,
        })
        .collect();
    Reference {
        title: text(&info, "title"),
        version: text(&info, "version"),
        description: text(&info, "description"),
        tags,
        schemas,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ex() -> Examples {
        Examples {
            cluster: "construction".into(),
            sub_cluster: "skilled-trades".into(),
            soc: "47-2111".into(),
            cip: "46.0302".into(),
            naics: "23".into(),
            state: "CT".into(),
        }
    }

    #[test]
    fn examples_fill_path_parameters() {
        let e = ex();
        assert_eq!(e.url("/api/v1/occupations/{soc}"), "/api/v1/occupations/47-2111");
        assert_eq!(e.url("/api/v1/sub-clusters/{id}"), "/api/v1/sub-clusters/skilled-trades");
        assert_eq!(
            e.url("/api/v1/profiles/clusters/{id}"),
            "/api/v1/profiles/clusters/construction?state=CT"
        );
        assert_eq!(e.url("/api/v1/search"), "/api/v1/search?q=nurse");
    }

    #[test]
    fn types_read_as_words() {
        assert_eq!(field(&json!({"type": ["string", "null"]})).ty, "string | null");
        let f = field(&json!({"type": "array", "items": {"$ref": "#/components/schemas/Ref"}}));
        assert_eq!((f.ty.as_str(), f.link.as_deref()), ("array of Ref", Some("Ref")));
        assert_eq!(field(&json!({"enum": ["ok", "suppressed"]})).ty, "one of ok, suppressed");
    }
}
