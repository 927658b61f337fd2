//! The console values a fill receives: the prefix and the 数据中心 id, the console's own answer
//! before a pasted one.

use fapiao_helper::status::console_values;
use fapiao_helper::user_language::Observation;

const PAGE: &str = "https://erp.example.com/ierp/index.html?formId=home";

fn observation(account_id: &str) -> Observation {
    serde_json::from_value(serde_json::json!({
        "origin": "https://erp.example.com",
        "requestPath": "/ierp/auth/getUserLanguage.do",
        "pageDir": "/ierp/",
        "accountId": account_id,
    }))
    .expect("an observation")
}

#[test]
fn a_console_gives_its_prefix_and_the_id_it_answered() {
    let values = console_values(PAGE, &[observation("1742050739649250304")], &[]);
    assert_eq!(
        values.prefix.as_deref(),
        Some("https://erp.example.com/ierp/")
    );
    let json = serde_json::to_value(&values).expect("serialisable");
    assert_eq!(
        json,
        serde_json::json!({ "prefix": "https://erp.example.com/ierp/", "accountId": "1742050739649250304" })
    );
}

#[test]
fn the_consoles_own_answer_wins_over_a_pasted_one_which_counts_alone() {
    let own = [observation("own")];
    let pasted = [observation("pasted")];
    let json = |values| serde_json::to_value(values).expect("serialisable");
    assert_eq!(
        json(console_values(PAGE, &own, &pasted))["accountId"],
        "own"
    );
    assert_eq!(
        json(console_values(PAGE, &[], &pasted))["accountId"],
        "pasted"
    );
    assert_eq!(
        json(console_values(PAGE, &[], &[])),
        serde_json::json!({ "prefix": "https://erp.example.com/ierp/" })
    );
}

#[test]
fn a_page_that_is_no_console_gives_nothing() {
    let values = console_values(
        "https://erp.example.com/ierp/login.html",
        &[observation("1")],
        &[],
    );
    assert_eq!(
        serde_json::to_value(&values).expect("ok"),
        serde_json::json!({})
    );
}
