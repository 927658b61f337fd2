//! `cargo xtask demo`: build, serve the demo console, and walk the user's whole journey with
//! the extension in Chromium (`www/demo-journey.mjs`): log in, the popup's four values,
//! 生成密钥 on 第三方应用's AccessToken认证, 记住网关 after revealing 认证凭证, the popup holding
//! both secrets masked, then 发票回调配置 填充 → 保存 (the page's own submitted state) → 撤销.
//! Headless without a display (numbered screenshots in `target/demo/`, a printout of what the
//! helper found and did, secrets masked), headed with one, the browser then staying open until
//! Ctrl-C. A failing step names itself, leaves `failed-NN.png`, and the command exits non-zero.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::util::{self, Result};
use crate::{build, setup};

/// Kills the demo server however `demo` ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn demo(args: &[String]) -> Result {
    if !args.is_empty() {
        crate::fail!("usage: cargo xtask demo");
    }
    let tools = setup::setup()?;
    build::build(&tools)?;
    let root = util::repo_root();
    if !root.join("dist/extension-e2e/manifest.json").is_file() {
        crate::fail!(
            "dist/extension-e2e/ has no manifest.json (is extension/manifest.json written?)"
        );
    }
    let journey = root.join("www/demo-journey.mjs");
    if !journey.is_file() {
        crate::fail!("www/demo-journey.mjs is missing");
    }

    util::heading("demo: serving the demo console");
    let server = start_server(&root)?;
    let origin = server.as_ref().map(|(_, origin)| origin.clone());

    let headed = util::has_display();
    util::heading(if headed {
        "demo: walking the journey (headed: the browser stays open until Ctrl-C)"
    } else {
        "demo: walking the journey (headless: screenshots in target/demo/)"
    });
    let mut cmd = Command::new("node");
    cmd.arg(&journey)
        .args(["--out", "target/demo"])
        .current_dir(&root);
    if let Some(origin) = &origin {
        cmd.args(["--origin", origin]);
    }
    cmd.arg(if headed { "--headed" } else { "--headless" });
    if let Some(chrome) = &tools.chrome {
        cmd.env("CHROME", chrome);
    }
    println!(
        "$ node www/demo-journey.mjs {}",
        if headed { "--headed" } else { "--headless" }
    );
    let walked = cmd.stdin(Stdio::null()).status();
    drop(server);
    match walked {
        Ok(s) if s.success() => Ok(()),
        // Ctrl-C on a headed demo is how a person ends it: Playwright closes the browser, exits 130.
        Ok(s) if headed && s.code() == Some(130) => Ok(()),
        Ok(s) => crate::fail!("the demo journey failed ({s}); see the step named above"),
        Err(e) => crate::fail!("could not start node for the demo journey: {e}"),
    }
}

/// Starts `node www/serve.mjs --port N` and waits for the URL it prints. Without that script
/// the journey serves `dist/demo/` itself through the E2E harness, so this returns `None`.
fn start_server(root: &Path) -> Result<Option<(Server, String)>> {
    let script = root.join("www/serve.mjs");
    if !script.is_file() {
        util::warn(
            "www/serve.mjs is missing: the journey serves dist/demo/ through tools/driver/browser.mjs",
        );
        return Ok(None);
    }
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    println!("$ node www/serve.mjs --port {port}");
    let mut child = Command::new("node")
        .arg(&script)
        .args(["--port", &port.to_string()])
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take();
    let server = Server(child);
    let (tx, rx) = mpsc::channel::<String>();
    if let Some(stdout) = stdout {
        thread::spawn(move || {
            for line in BufReader::new(stdout)
                .lines()
                .map_while(std::result::Result::ok)
            {
                println!("[serve] {line}");
                let _ = tx.send(line);
            }
        });
    }
    loop {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => {
                if let Some(origin) = origin_in(&line) {
                    return Ok(Some((server, origin)));
                }
            }
            Err(_) => {
                crate::fail!("www/serve.mjs printed no `http://127.0.0.1:PORT/…` line within 30 s")
            }
        }
    }
}

/// `serving demo console at http://127.0.0.1:4173/ierp/login.html` → `http://127.0.0.1:4173`.
fn origin_in(line: &str) -> Option<String> {
    let start = line.find("http://")?;
    let rest = &line[start + "http://".len()..];
    let host_end = rest.find('/').unwrap_or(rest.len());
    let host = &rest[..host_end];
    host.contains(':').then(|| format!("http://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_comes_from_the_line_the_server_prints() {
        assert_eq!(
            origin_in("serving demo console at http://127.0.0.1:4173/ierp/login.html").as_deref(),
            Some("http://127.0.0.1:4173")
        );
        assert_eq!(origin_in("listening"), None);
    }
}
