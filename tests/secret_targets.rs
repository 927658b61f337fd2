//! The release policy's table of (form, field) per secret and the form specs' `Secret` sources
//! say the same thing: a spec change that moves a secret to another field, or a table entry
//! for a field no spec fills, fails here.

use std::collections::BTreeSet;

use fapiao_helper::forms::{FormSpec, ValueSource, SPECS};
use fapiao_helper::secret::SecretKind;

fn spec_secret_fields(spec: &FormSpec) -> BTreeSet<(&'static str, &'static str)> {
    spec.fields
        .iter()
        .filter_map(|f| match f.source {
            ValueSource::Secret { secret } => Some((secret.code(), f.label)),
            _ => None,
        })
        .collect()
}

fn table_fields(form: &str) -> BTreeSet<(&'static str, &'static str)> {
    SecretKind::targets_of(form)
        .into_iter()
        .map(|(kind, field)| (kind.code(), field))
        .collect()
}

#[test]
fn every_secret_field_of_every_spec_is_in_the_release_table_and_nothing_else_is() {
    for spec in SPECS {
        assert_eq!(
            table_fields(spec.id),
            spec_secret_fields(spec),
            "spec {}",
            spec.id
        );
    }
}

#[test]
fn a_form_is_the_same_target_by_id_name_or_alias() {
    for spec in SPECS {
        for name in std::iter::once(spec.name).chain(spec.aliases.iter().copied()) {
            assert_eq!(table_fields(name), table_fields(spec.id), "{name}");
        }
    }
}

#[test]
fn every_table_entry_names_an_existing_spec_and_field() {
    for (kind, spec_id, field) in SecretKind::all_targets() {
        let spec = FormSpec::find(spec_id).unwrap_or_else(|| panic!("no spec {spec_id}"));
        let source = spec
            .field(field)
            .unwrap_or_else(|| panic!("no field {field} in {spec_id}"))
            .source;
        assert!(
            matches!(source, ValueSource::Secret { secret } if secret == kind),
            "{spec_id}/{field}"
        );
    }
}

#[test]
fn the_digest_dialog_takes_no_secret() {
    assert!(SecretKind::targets_of("摘要认证").is_empty());
}
