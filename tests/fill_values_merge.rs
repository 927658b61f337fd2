//! A fill's values arrive in two parts, the secret store's and the pasted records'
//! (`{..., pasted: {values, refusals}}`); the core decides which wins where they overlap.
use fapiao_helper::fill::{FillValues, Withheld};
use fapiao_helper::forms::{CredentialKind, SecretKind};

fn read(json: &str) -> FillValues {
    serde_json::from_str::<FillValues>(json)
        .expect("fill values")
        .merged()
}

#[test]
fn a_pasted_value_wins_over_the_stores_and_fills_what_the_store_lacks() {
    let values = read(
        r#"{"prefix":"https://c.example/ierp/","accessTokenKey":"GeneratedKey0000000000000000000A",
            "pasted":{"values":{"accessTokenKey":"PastedAppSecret00000000000000000","clientId":"cid-1",
                                "clientSecret":"s3cr3t-value","environment":"prod"}}}"#,
    );
    assert_eq!(
        values.access_token_key.as_ref().map(|s| s.expose()),
        Some("PastedAppSecret00000000000000000")
    );
    assert_eq!(values.client_id.as_deref(), Some("cid-1"));
    assert_eq!(
        values.client_secret.as_ref().map(|s| s.expose()),
        Some("s3cr3t-value")
    );
    assert_eq!(values.environment.as_deref(), Some("prod"));
    assert_eq!(values.prefix.as_deref(), Some("https://c.example/ierp/"));
    assert!(
        values.pasted.is_none(),
        "the pasted part is laid over, not kept"
    );
}

#[test]
fn the_stores_value_stands_where_nothing_was_pasted_for_it() {
    let values = read(
        r#"{"gateway":"gw-identity","accessTokenKey":"GeneratedKey0000000000000000000A",
            "pasted":{"values":{},"refusals":{}}}"#,
    );
    assert_eq!(
        values.access_token_key.as_ref().map(|s| s.expose()),
        Some("GeneratedKey0000000000000000000A")
    );
    assert_eq!(
        values.gateway.as_ref().map(|s| s.expose()),
        Some("gw-identity")
    );
}

#[test]
fn refusals_of_both_parts_are_kept_and_the_pasted_ones_win_for_the_same_kind() {
    let values = read(
        r#"{"secretRefusals":{"accessTokenKey":"secret-other-console","gateway":"secret-expired"},
            "pasted":{"values":{},"refusals":{"accessTokenKey":"secret-page-moved",
                                               "clientSecret":"secret-insecure-console"}}}"#,
    );
    let refusals = &values.secret_refusals;
    assert_eq!(
        refusals.secrets.get(&SecretKind::AccessTokenKey),
        Some(&Withheld::PageMoved)
    );
    assert_eq!(
        refusals.secrets.get(&SecretKind::Gateway),
        Some(&Withheld::Expired)
    );
    assert_eq!(
        refusals
            .credentials
            .get(&CredentialKind::EnterpriseClientSecret),
        Some(&Withheld::InsecureConsole)
    );
}

#[test]
fn without_a_pasted_part_the_values_are_as_given() {
    let values = read(r#"{"accountId":"1933358424373855232","taxId":"91440300MA5FXXXX1X"}"#);
    assert_eq!(values.account_id.as_deref(), Some("1933358424373855232"));
    assert_eq!(values.tax_id.as_deref(), Some("91440300MA5FXXXX1X"));
    assert!(values.secret_refusals.secrets.is_empty());
}
