//! `ConsoleContext::from_url`: the contract of DESIGN.md "Console pages".

use fapiao_helper::console::{ConsoleContext, ConsoleError};

fn ctx(url: &str) -> ConsoleContext {
    match ConsoleContext::from_url(url) {
        Ok(ctx) => ctx,
        Err(e) => panic!("{url} should be a console: {e}"),
    }
}

fn err(url: &str) -> ConsoleError {
    match ConsoleContext::from_url(url) {
        Ok(ctx) => panic!("{url} should not be a console, got {ctx:?}"),
        Err(e) => e,
    }
}

#[test]
fn sandbox_console_gives_prefix_and_both_endpoints() {
    let c = ctx("https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/index.html?formId=pc_main_console");
    assert_eq!(c.origin, "https://cosmic-sandbox.piaozone.com");
    assert_eq!(c.prefix, "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/");
    assert_eq!(c.app_token_url, "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/getAppToken.do");
    assert_eq!(c.login_url, "https://cosmic-sandbox.piaozone.com/bsqcjsfwbj/api/login.do");
    assert_eq!(c.prefix_path(), "/bsqcjsfwbj/");
}
