//! Which match patterns the dynamic content scripts are registered for: the web origins the
//! user granted, minus those the manifest's static `content_scripts` already cover (the e2e
//! build), so no page ever gets two hooks. Patterns are Chrome's match-pattern syntax
//! (`<scheme>://<host><path>`, `<all_urls>`).

/// The granted patterns to register the content scripts for, in the order granted.
pub fn content_script_matches(granted: &[String], static_matches: &[String]) -> Vec<String> {
    granted
        .iter()
        .filter(|pattern| {
            is_web_pattern(pattern) && !static_matches.iter().any(|outer| covers(outer, pattern))
        })
        .cloned()
        .collect()
}

/// A pattern for web pages: `<all_urls>`, or `http`, `https` or `*` with a host and a path.
pub fn is_web_pattern(pattern: &str) -> bool {
    pattern == "<all_urls>" || parts(pattern).is_some()
}

/// Whether every URL `inner` matches is matched by `outer`.
pub fn covers(outer: &str, inner: &str) -> bool {
    if outer == "<all_urls>" {
        return true;
    }
    if inner == "<all_urls>" {
        return false;
    }
    let (
        Some((outer_scheme, outer_host, outer_path)),
        Some((inner_scheme, inner_host, inner_path)),
    ) = (parts(outer), parts(inner))
    else {
        return false;
    };
    let scheme_ok = outer_scheme == inner_scheme || (outer_scheme == "*" && inner_scheme != "*");
    scheme_ok && host_covers(outer_host, inner_host) && path_covers(outer_path, inner_path)
}

/// `(scheme, host, path)` of `scheme://host/path` with scheme `*`, `http` or `https`, a
/// non-empty host without `/` and a path starting with `/`.
fn parts(pattern: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = pattern.split_once("://")?;
    if !matches!(scheme, "*" | "http" | "https") {
        return None;
    }
    let slash = rest.find('/')?;
    let (host, path) = rest.split_at(slash);
    (!host.is_empty()).then_some((scheme, host, path))
}

fn host_covers(outer: &str, inner: &str) -> bool {
    let (outer_name, outer_port) = split_port(outer);
    let (inner_name, inner_port) = split_port(inner);
    // A pattern without a port (or with `*`) matches every port.
    if outer_port.is_some() && outer_port != inner_port {
        return false;
    }
    if outer_name == "*" {
        return true;
    }
    if let Some(base) = outer_name.strip_prefix("*.") {
        let under = |name: &str| {
            name.strip_suffix(base)
                .is_some_and(|head| head.ends_with('.'))
        };
        return inner_name == base
            || under(inner_name)
            || inner_name == outer_name
            || inner_name.strip_prefix("*.").is_some_and(under);
    }
    outer_name == inner_name
}

/// The host name and its explicit port (`None` without one, or for `*`).
fn split_port(host: &str) -> (&str, Option<&str>) {
    if let Some((name, port)) = host.rsplit_once(':') {
        if port == "*" {
            return (name, None);
        }
        if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
            return (name, Some(port));
        }
    }
    (host, None)
}

fn path_covers(outer: &str, inner: &str) -> bool {
    outer == "/*" || outer == inner
}
