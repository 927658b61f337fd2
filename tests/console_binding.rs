//! Which console a document acts for: the one it loaded with, and for a frame its tab's only
//! when it is of the tab's origin.

use fapiao_helper::console::binding::{place_of, PlaceError, Requester, SeenDocument};
use fapiao_helper::console::{is_insecure_origin, ConsoleContext};
use fapiao_helper::i18n::{Locale, Localised};

const ORIGIN: &str = "http://127.0.0.1:8080";
const CONSOLE: &str = "http://127.0.0.1:8080/ierp/index.html?formId=pc_main_console";

fn loaded(url: &str) -> SeenDocument<'_> {
    SeenDocument {
        url,
        load_url: Some(url),
    }
}

fn top(document: SeenDocument<'_>) -> Requester<'_> {
    Requester {
        frame_origin: ORIGIN,
        frame: document,
        top: None,
    }
}

#[test]
fn a_console_acts_for_the_console_it_loaded_as() {
    let place = place_of(&top(loaded(CONSOLE))).expect("place");
    assert_eq!(
        place.console.map(|c| c.prefix).as_deref(),
        Some("http://127.0.0.1:8080/ierp/")
    );
    assert_eq!(place.scope.prefix, "http://127.0.0.1:8080/ierp/");
}

#[test]
fn a_console_changing_its_own_form_id_and_hash_keeps_its_console() {
    let moved = SeenDocument {
        url: "http://127.0.0.1:8080/ierp/index.html?formId=bos_invoice_callback#tab2",
        load_url: Some(CONSOLE),
    };
    assert!(place_of(&top(moved)).is_ok_and(|p| p.console.is_some()));
    // Loaded as the console's directory (no formId yet), then routed: the same prefix.
    let routed = SeenDocument {
        url: CONSOLE,
        load_url: Some("http://127.0.0.1:8080/ierp/"),
    };
    assert!(place_of(&top(routed)).is_ok_and(|p| p.console.is_some()));
}

#[test]
fn a_page_of_another_path_that_moved_onto_the_console_gets_nothing() {
    for load in [
        "http://127.0.0.1:8080/sx/evil/page.html",
        "http://127.0.0.1:8080/",
        "http://127.0.0.1:8080/ierp/sub/page.html",
        "http://127.0.0.1:8080/ierp2/index.html?formId=pc_main_console",
    ] {
        let spoof = SeenDocument {
            url: CONSOLE,
            load_url: Some(load),
        };
        let error = place_of(&top(spoof)).expect_err(load);
        assert!(matches!(error, PlaceError::Moved { .. }), "{load}");
        assert_eq!(error.secret_refusal_code(), "secret-page-moved");
        assert!(error.message(Locale::ZhCn).contains("改成了"));
    }
}

#[test]
fn a_document_whose_load_address_is_unknown_gets_nothing() {
    let unknown = SeenDocument {
        url: CONSOLE,
        load_url: None,
    };
    assert_eq!(place_of(&top(unknown)), Err(PlaceError::Unbound));
}

#[test]
fn a_frame_of_another_origin_gets_no_console_context() {
    for origin in [
        "http://localhost:8080",
        "http://127.0.0.1:8081",
        "null",
        "",
        "https://127.0.0.1:8080",
    ] {
        let framed = Requester {
            frame_origin: origin,
            frame: loaded("http://localhost:8080/cf/inner/form.html"),
            top: Some(loaded(CONSOLE)),
        };
        let error = place_of(&framed).expect_err(origin);
        assert!(
            matches!(
                error,
                PlaceError::FrameOfOtherOrigin | PlaceError::NotWebPage
            ),
            "{origin}: {error:?}"
        );
    }
    // Even a console of another origin, framed inside this one.
    let console_frame = Requester {
        frame_origin: "http://localhost:8080",
        frame: loaded("http://localhost:8080/ierp/index.html?formId=x"),
        top: Some(loaded(CONSOLE)),
    };
    assert_eq!(
        place_of(&console_frame),
        Err(PlaceError::FrameOfOtherOrigin)
    );
    assert_eq!(
        PlaceError::FrameOfOtherOrigin.secret_refusal_code(),
        "secret-frame-other-origin"
    );
}

#[test]
fn a_same_origin_frame_with_a_non_console_address_gets_the_tabs_console() {
    let framed = Requester {
        frame_origin: ORIGIN,
        frame: loaded("http://127.0.0.1:8080/cf/inner/form.html"),
        top: Some(loaded(CONSOLE)),
    };
    let place = place_of(&framed).expect("the tab's console");
    assert_eq!(place.page_url, CONSOLE);
    // A frame a console builds with a script (about:blank) likewise.
    let blank = Requester {
        frame: SeenDocument {
            url: "about:blank",
            load_url: Some("about:blank"),
        },
        ..framed
    };
    assert_eq!(place_of(&blank).map(|p| p.page_url), Ok(CONSOLE.to_owned()));
}

#[test]
fn a_same_origin_frame_inside_a_top_page_that_moved_gets_nothing() {
    let framed = Requester {
        frame_origin: ORIGIN,
        frame: loaded("http://127.0.0.1:8080/cf/inner/form.html"),
        top: Some(SeenDocument {
            url: CONSOLE,
            load_url: Some("http://127.0.0.1:8080/sx/evil/page.html"),
        }),
    };
    assert!(matches!(place_of(&framed), Err(PlaceError::Moved { .. })));
}

#[test]
fn a_console_framed_by_a_plain_page_of_its_origin_acts_for_itself() {
    let framed = Requester {
        frame_origin: ORIGIN,
        frame: loaded(CONSOLE),
        top: Some(loaded("http://127.0.0.1:8080/portal/home.html")),
    };
    assert_eq!(
        place_of(&framed).map(|p| p.page_url),
        Ok(CONSOLE.to_owned())
    );
}

#[test]
fn plain_http_consoles_off_this_machine_are_insecure() {
    let insecure =
        |url: &str| is_insecure_origin(&ConsoleContext::from_url(url).expect(url).origin);
    assert!(insecure("http://erp.example.com/ierp/index.html?formId=x"));
    assert!(insecure("http://10.1.2.3:8022/ierp/index.html?formId=x"));
    assert!(!insecure(
        "https://erp.example.com/ierp/index.html?formId=x"
    ));
    assert!(!insecure("http://127.0.0.1:8080/ierp/index.html?formId=x"));
    assert!(!insecure("http://127.8.0.1/ierp/index.html?formId=x"));
    assert!(!insecure("http://localhost:9000/ierp/index.html?formId=x"));
    assert!(!insecure("http://app.localhost/ierp/index.html?formId=x"));
    assert!(!insecure("http://[::1]:8080/ierp/index.html?formId=x"));
}
