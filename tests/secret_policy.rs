//! The release policy: a secret goes only to a trusted click on a form that takes it, in the
//! field that takes it, unexpired, on its own console (or one the user confirmed).

use fapiao_helper::i18n::{Locale, Localised};
use fapiao_helper::secret::policy::{
    cross_console_grant, may_release, remember_scope, Refusal, ReleaseRequest,
};
use fapiao_helper::secret::{HeldSecret, Secret, SecretKind, SecretMeta};

const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";
const ORIGIN: &str = "http://127.0.0.1:8080";
const NOW: u64 = 1_700_000_000_000;
const VALUE: &str = "Zq8RtLm2Wx9Pa4Kd7Hs3Jn6Vb1Cf5GyE";

fn meta(kind: SecretKind, page: &str) -> SecretMeta {
    HeldSecret::remember(kind, page, Secret::new(VALUE.to_owned()), NOW, None)
        .expect("scope")
        .meta()
}

fn request<'a>(form: &'a str) -> ReleaseRequest<'a> {
    ReleaseRequest {
        form,
        frame_origin: ORIGIN,
        top_url: CONSOLE,
        trusted_click: true,
        now_ms: NOW + 1,
    }
}

#[test]
fn the_access_key_goes_to_the_callback_forms_app_password_field() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    assert_eq!(
        may_release(
            SecretKind::AccessTokenKey,
            Some(&held),
            &request("发票回调配置")
        ),
        Ok("第三方应用密码")
    );
}

#[test]
fn the_access_key_goes_to_the_access_token_dialogs_key_field() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    assert_eq!(
        may_release(
            SecretKind::AccessTokenKey,
            Some(&held),
            &request("AccessToken认证")
        ),
        Ok("认证密钥")
    );
}

#[test]
fn the_gateway_goes_to_the_callback_forms_gateway_field() {
    let held = meta(SecretKind::Gateway, CONSOLE);
    assert_eq!(
        may_release(SecretKind::Gateway, Some(&held), &request("发票回调配置")),
        Ok("网关")
    );
}

#[test]
fn the_gateway_never_goes_to_the_access_token_dialog() {
    let held = meta(SecretKind::Gateway, CONSOLE);
    assert_eq!(
        may_release(
            SecretKind::Gateway,
            Some(&held),
            &request("AccessToken认证")
        ),
        Err(Refusal::FormTakesNoSecret {
            kind: SecretKind::Gateway
        })
    );
}

#[test]
fn an_untrusted_click_gets_nothing() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    let untrusted = ReleaseRequest {
        trusted_click: false,
        ..request("发票回调配置")
    };
    assert_eq!(
        may_release(SecretKind::AccessTokenKey, Some(&held), &untrusted),
        Err(Refusal::UntrustedClick)
    );
}

#[test]
fn forms_that_take_no_secret_get_nothing() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    for form in [
        "发票云授权配置",
        "人员",
        "",
        "发票回调配置 ",
        "第三方应用密码",
    ] {
        assert_eq!(
            may_release(SecretKind::AccessTokenKey, Some(&held), &request(form)),
            Err(Refusal::FormTakesNoSecret {
                kind: SecretKind::AccessTokenKey
            }),
            "{form:?}"
        );
    }
}

#[test]
fn nothing_held_is_refused_as_not_held() {
    assert_eq!(
        may_release(SecretKind::Gateway, None, &request("发票回调配置")),
        Err(Refusal::NotHeld {
            kind: SecretKind::Gateway
        })
    );
}

#[test]
fn a_record_of_the_other_kind_is_not_held() {
    let held = meta(SecretKind::Gateway, CONSOLE);
    assert_eq!(
        may_release(
            SecretKind::AccessTokenKey,
            Some(&held),
            &request("发票回调配置")
        ),
        Err(Refusal::NotHeld {
            kind: SecretKind::AccessTokenKey
        })
    );
}

#[test]
fn an_expired_secret_is_refused() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    let later = ReleaseRequest {
        now_ms: held.expires_at,
        ..request("发票回调配置")
    };
    assert_eq!(
        may_release(SecretKind::AccessTokenKey, Some(&held), &later),
        Err(Refusal::Expired {
            kind: SecretKind::AccessTokenKey
        })
    );
}

#[test]
fn a_look_alike_origin_is_another_console() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    for (top, origin) in [
        (
            "http://localhost:8080/ierp/index.html?formId=pc_main_console",
            "http://localhost:8080",
        ),
        (
            "http://127.0.0.1:8081/ierp/index.html?formId=pc_main_console",
            "http://127.0.0.1:8081",
        ),
        (
            "https://127.0.0.1:8080/ierp/index.html?formId=pc_main_console",
            "https://127.0.0.1:8080",
        ),
        (
            "http://127.0.0.1.evil.test:8080/ierp/index.html?formId=x",
            "http://127.0.0.1.evil.test:8080",
        ),
        (
            "http://xn--cosmc-fsa.example.com/ierp/index.html?formId=x",
            "http://xn--cosmc-fsa.example.com",
        ),
    ] {
        let other = ReleaseRequest {
            top_url: top,
            frame_origin: origin,
            ..request("发票回调配置")
        };
        assert!(
            matches!(
                may_release(SecretKind::AccessTokenKey, Some(&held), &other),
                Err(Refusal::OtherConsole { .. })
            ),
            "{top}"
        );
    }
}

#[test]
fn another_prefix_on_the_same_origin_is_another_console() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    let other = ReleaseRequest {
        top_url: "http://127.0.0.1:8080/ierp2/index.html?formId=pc_main_console",
        ..request("发票回调配置")
    };
    assert_eq!(
        may_release(SecretKind::AccessTokenKey, Some(&held), &other),
        Err(Refusal::OtherConsole {
            kind: SecretKind::AccessTokenKey,
            secret_prefix: "http://127.0.0.1:8080/ierp/".into()
        })
    );
}

#[test]
fn the_same_console_on_another_form_tab_of_the_spa_is_the_same_console() {
    let held = meta(SecretKind::Gateway, CONSOLE);
    let other_tab = ReleaseRequest {
        top_url: "http://127.0.0.1:8080/ierp/index.html?formId=bos_invoice_callback#tab2",
        ..request("发票回调配置")
    };
    assert_eq!(
        may_release(SecretKind::Gateway, Some(&held), &other_tab),
        Ok("网关")
    );
}

#[test]
fn a_confirmed_other_console_gets_it() {
    let mut held = meta(SecretKind::AccessTokenKey, CONSOLE);
    let top = "http://localhost:9000/cosmic/index.html?formId=pc_main_console";
    let grant = cross_console_grant(&held, top).expect("another console can be confirmed");
    assert_eq!(grant, "http://localhost:9000/cosmic/");
    held.allowed_prefixes.push(grant);
    let other = ReleaseRequest {
        top_url: top,
        frame_origin: "http://localhost:9000",
        ..request("发票回调配置")
    };
    assert_eq!(
        may_release(SecretKind::AccessTokenKey, Some(&held), &other),
        Ok("第三方应用密码")
    );
}

#[test]
fn a_confirmation_covers_only_the_console_it_names() {
    let mut held = meta(SecretKind::AccessTokenKey, CONSOLE);
    held.allowed_prefixes
        .push("http://localhost:9000/cosmic/".into());
    let sibling = ReleaseRequest {
        top_url: "http://localhost:9000/other/index.html?formId=x",
        frame_origin: "http://localhost:9000",
        ..request("发票回调配置")
    };
    assert!(matches!(
        may_release(SecretKind::AccessTokenKey, Some(&held), &sibling),
        Err(Refusal::OtherConsole { .. })
    ));
}

#[test]
fn there_is_nothing_to_confirm_on_the_secrets_own_console_or_a_non_web_page() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    assert_eq!(cross_console_grant(&held, CONSOLE), None);
    assert_eq!(cross_console_grant(&held, "chrome://extensions"), None);
}

#[test]
fn a_frame_of_another_origin_inside_the_console_gets_nothing() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    for origin in [
        "http://evil.test",
        "null",
        "",
        "http://127.0.0.1:8081",
        "data:text/html,x",
    ] {
        let framed = ReleaseRequest {
            frame_origin: origin,
            ..request("发票回调配置")
        };
        assert_eq!(
            may_release(SecretKind::AccessTokenKey, Some(&held), &framed),
            Err(Refusal::FrameFromOtherOrigin),
            "{origin:?}"
        );
    }
}

#[test]
fn a_frame_origin_is_compared_after_normalisation() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    let framed = ReleaseRequest {
        frame_origin: "HTTP://127.0.0.1:8080/",
        ..request("发票回调配置")
    };
    assert_eq!(
        may_release(SecretKind::AccessTokenKey, Some(&held), &framed),
        Ok("第三方应用密码")
    );
}

#[test]
fn a_top_page_that_is_not_a_web_page_gets_nothing() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    let odd = ReleaseRequest {
        top_url: "about:blank",
        ..request("发票回调配置")
    };
    assert_eq!(
        may_release(SecretKind::AccessTokenKey, Some(&held), &odd),
        Err(Refusal::NotWebPage)
    );
}

#[test]
fn refusal_messages_are_localised_and_never_carry_the_value() {
    let refusals = [
        Refusal::UntrustedClick,
        Refusal::FormTakesNoSecret {
            kind: SecretKind::Gateway,
        },
        Refusal::NotHeld {
            kind: SecretKind::AccessTokenKey,
        },
        Refusal::Expired {
            kind: SecretKind::Gateway,
        },
        Refusal::NotWebPage,
        Refusal::FrameFromOtherOrigin,
        Refusal::OtherConsole {
            kind: SecretKind::AccessTokenKey,
            secret_prefix: "http://127.0.0.1:8080/ierp/".into(),
        },
    ];
    for refusal in refusals {
        let zh = refusal.message(Locale::ZhCn);
        let en = refusal.message(Locale::En);
        assert_ne!(zh, en);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        for text in [zh, en, format!("{refusal:?}"), refusal.to_string()] {
            assert!(!text.contains(&VALUE[VALUE.len() - 4..]), "{text}");
        }
        assert!(refusal.code().starts_with("secret-"));
    }
}

#[test]
fn forms_are_named_by_spec_id_or_by_any_of_their_names() {
    let held = meta(SecretKind::AccessTokenKey, CONSOLE);
    for form in [
        "access-token-auth",
        "AccessToken认证",
        "AccessToken加密认证",
    ] {
        assert_eq!(
            may_release(SecretKind::AccessTokenKey, Some(&held), &request(form)),
            Ok("认证密钥"),
            "{form}"
        );
    }
    assert_eq!(
        may_release(
            SecretKind::AccessTokenKey,
            Some(&held),
            &request("invoice-callback")
        ),
        Ok("第三方应用密码")
    );
    assert_eq!(
        SecretKind::targets_of("invoice-callback"),
        vec![
            (SecretKind::AccessTokenKey, "第三方应用密码"),
            (SecretKind::Gateway, "网关")
        ]
    );
    assert!(SecretKind::targets_of("digest-auth").is_empty());
}

#[test]
fn a_secret_is_remembered_for_the_console_of_the_top_page() {
    let scope = remember_scope(
        ORIGIN,
        "http://127.0.0.1:8080/ierp/index.html?formId=openapi_app#detail",
    )
    .expect("same origin");
    assert_eq!(scope.prefix, "http://127.0.0.1:8080/ierp/");
}

#[test]
fn a_frame_of_another_origin_cannot_plant_a_secret_in_the_console() {
    assert_eq!(
        remember_scope("http://evil.test", CONSOLE),
        Err(Refusal::FrameFromOtherOrigin)
    );
    assert_eq!(
        remember_scope("null", CONSOLE),
        Err(Refusal::FrameFromOtherOrigin)
    );
    assert_eq!(
        remember_scope(ORIGIN, "about:blank"),
        Err(Refusal::NotWebPage)
    );
}

#[test]
fn only_real_text_inputs_and_textareas_take_a_secret() {
    use fapiao_helper::secret::policy::is_secret_input;
    for (tag, kind) in [
        ("input", "password"),
        ("input", "text"),
        ("INPUT", "Password"),
        ("input", ""),
        ("textarea", ""),
    ] {
        assert!(is_secret_input(tag, kind), "{tag} {kind}");
    }
    for (tag, kind) in [
        ("div", ""),
        ("span", ""),
        ("input", "checkbox"),
        ("input", "hidden"),
        ("input", "radio"),
        ("select", ""),
        ("button", ""),
    ] {
        assert!(!is_secret_input(tag, kind), "{tag} {kind}");
    }
}

#[test]
fn a_plain_http_console_off_this_machine_gets_a_secret_only_after_the_users_confirmation() {
    use fapiao_helper::secret::policy::insecure_console_grant;
    let console = "http://erp.example.com/ierp/index.html?formId=pc_main_console";
    let mut held = meta(SecretKind::Gateway, console);
    let asking = ReleaseRequest {
        top_url: console,
        frame_origin: "http://erp.example.com",
        ..request("发票回调配置")
    };
    let refusal = may_release(SecretKind::Gateway, Some(&held), &asking).expect_err("warned first");
    assert_eq!(
        refusal,
        Refusal::InsecureConsole {
            kind: SecretKind::Gateway
        }
    );
    assert_eq!(refusal.code(), "secret-insecure-console");
    assert!(refusal.message(Locale::ZhCn).contains("http://"));
    assert!(!refusal.message(Locale::En).contains(VALUE));
    let grant = insecure_console_grant(console).expect("an insecure console can be confirmed");
    assert_eq!(grant, "http://erp.example.com/ierp/");
    held.insecure_allowed.push(grant);
    assert_eq!(
        may_release(SecretKind::Gateway, Some(&held), &asking),
        Ok("网关")
    );
}

#[test]
fn https_and_loopback_consoles_need_no_confirmation() {
    use fapiao_helper::secret::policy::insecure_console_grant;
    for console in [
        CONSOLE,
        "https://erp.example.com/ierp/index.html?formId=x",
        "http://localhost:9000/ierp/index.html?formId=x",
        "http://[::1]:9000/ierp/index.html?formId=x",
    ] {
        assert_eq!(insecure_console_grant(console), None, "{console}");
        let held = meta(SecretKind::AccessTokenKey, console);
        let origin = url::Url::parse(console)
            .expect("a test URL")
            .origin()
            .ascii_serialization();
        let asking = ReleaseRequest {
            top_url: console,
            frame_origin: &origin,
            ..request("发票回调配置")
        };
        assert_eq!(
            may_release(SecretKind::AccessTokenKey, Some(&held), &asking),
            Ok("第三方应用密码"),
            "{console}"
        );
    }
}

#[test]
fn another_console_is_refused_as_another_console_before_any_http_warning() {
    let held = meta(SecretKind::Gateway, CONSOLE);
    let other = ReleaseRequest {
        top_url: "http://erp.example.com/ierp/index.html?formId=x",
        frame_origin: "http://erp.example.com",
        ..request("发票回调配置")
    };
    assert!(matches!(
        may_release(SecretKind::Gateway, Some(&held), &other),
        Err(Refusal::OtherConsole { .. })
    ));
}
