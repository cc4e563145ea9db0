//! Building the server binary and the site it serves: the hydrate wasm (through the
//! wasm-bindgen library, pinned to the same version as the `wasm-bindgen` crate), the
//! stylesheet and the static files, all under `target/site`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::{cargo, root, run, target_dir};

/// Must match `output-name` in Cargo.toml and the server's `LEPTOS_OUTPUT_NAME` default.
const OUTPUT_NAME: &str = "kh-innovation";

pub fn site_root() -> PathBuf {
    root().join("target/site")
}

pub fn server_binary(release: bool) -> PathBuf {
    target_dir().join(if release { "release" } else { "debug" }).join("server")
}

/// Builds the server and the site.
pub fn build(release: bool) -> Result<()> {
    let mut server = cargo();
    server.args(["build", "-p", "server"]);
    if release {
        server.arg("--release");
    }
    run(&mut server)?;
    let wasm = build_wasm(release)?;
    let pkg = site_root().join("pkg");
    std::fs::create_dir_all(&pkg)?;
    bindgen(&wasm, &pkg)?;
    if release {
        optimize(&pkg.join(format!("{OUTPUT_NAME}_bg.wasm")))?;
    }
    std::fs::copy(root().join("style/main.css"), pkg.join(format!("{OUTPUT_NAME}.css")))
        .context("copying style/main.css")?;
    if release {
        fingerprint(&pkg, &server_binary(true).with_file_name("hash.txt"))?;
    }
    copy_dir(&root().join("public"), &site_root())?;
    eprintln!("xtask: site built in {}", site_root().display());
    Ok(())
}

/// Builds only the release wasm (bindgen + wasm-opt, outside the site) and prints its size as
/// the bench does: the quick loop for work on the bundle's size.
pub fn wasm_size() -> Result<()> {
    let wasm = build_wasm(true)?;
    let out = target_dir().join("wasm-size");
    std::fs::create_dir_all(&out)?;
    bindgen(&wasm, &out)?;
    let wasm = out.join(format!("{OUTPUT_NAME}_bg.wasm"));
    optimize(&wasm)?;
    println!("hydrate wasm: {}", crate::bench::sizes(&wasm)?);
    Ok(())
}

/// Compiles `app` for the browser, in its own target folder so that it never evicts the
/// server's build.
fn build_wasm(release: bool) -> Result<PathBuf> {
    let dir = target_dir().join("wasm");
    let profile = if release { "wasm-release" } else { "dev" };
    run(cargo()
        .args(["build", "-p", "app", "--lib", "--target", "wasm32-unknown-unknown", "--features", "hydrate"])
        .args(["--profile", profile])
        .arg("--target-dir")
        .arg(&dir))?;
    let profile_dir = if release { "wasm-release" } else { "debug" };
    Ok(dir.join("wasm32-unknown-unknown").join(profile_dir).join("app.wasm"))
}

fn bindgen(wasm: &Path, out: &Path) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .out_name(OUTPUT_NAME)
        .web(true)?
        .typescript(false)
        .generate(out)
        .context("wasm-bindgen")
}

/// Names the release assets by their content (`kh-innovation.<hash>.wasm`, `.js`, `.css`) so
/// that browsers may keep them for a year, stores brotli and gzip copies beside them (served
/// as they are, never compressed per request), and writes the hashes where Leptos reads them:
/// `hash.txt` beside the server binary.
fn fingerprint(pkg: &Path, hash_file: &Path) -> Result<()> {
    use sha2::{Digest, Sha256};
    use std::io::Write;
    for entry in std::fs::read_dir(pkg)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.split('.').nth(1).is_some_and(|part| part.len() == 16 && part.chars().all(|c| c.is_ascii_hexdigit())) {
            std::fs::remove_file(&path)?;
        }
    }
    let mut lines = String::new();
    for (kind, file) in [
        ("js", format!("{OUTPUT_NAME}.js")),
        ("wasm", format!("{OUTPUT_NAME}_bg.wasm")),
        ("css", format!("{OUTPUT_NAME}.css")),
    ] {
        let bytes = std::fs::read(pkg.join(&file)).with_context(|| format!("reading {file}"))?;
        let digest = Sha256::digest(&bytes);
        let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let hashed = pkg.join(format!("{OUTPUT_NAME}.{hash}.{kind}"));
        std::fs::write(&hashed, &bytes)?;
        let mut br = Vec::new();
        brotli::BrotliCompress(
            &mut &bytes[..],
            &mut br,
            &brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() },
        )?;
        std::fs::write(hashed.with_extension(format!("{kind}.br")), br)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        std::fs::write(hashed.with_extension(format!("{kind}.gz")), gz.finish()?)?;
        lines.push_str(&format!("{kind}: {hash}\n"));
    }
    std::fs::write(hash_file, lines).with_context(|| format!("writing {}", hash_file.display()))?;
    Ok(())
}

/// Shrinks the release wasm with binaryen's wasm-opt from npm when it is installed (Debian's
/// older binaryen breaks hydration; see TOOLCHAIN.md).
fn optimize(wasm: &Path) -> Result<()> {
    let wasm_opt = root().join("end2end/node_modules/.bin/wasm-opt");
    if !wasm_opt.exists() {
        eprintln!("xtask: wasm-opt not installed (npm ci in end2end/); the wasm is left as built");
        return Ok(());
    }
    run(Command::new(wasm_opt)
        .arg(wasm)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "-o",
        ])
        .arg(wasm))
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if !from.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
