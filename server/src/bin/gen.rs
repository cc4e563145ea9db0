//! `cargo xtask gen --records N [--out FILE] [--seed S]`: a synthetic catalogue for benchmarks.

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let total: usize = value("--records").unwrap_or_else(|| "100000".into()).parse()?;
    let seed: u64 = value("--seed").unwrap_or_else(|| "57".into()).parse()?;
    let mut out: Box<dyn Write> = match value("--out") {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    server::gen::generate(server::startup::DEMO_CATALOGUE, total, seed, &mut out)?;
    out.flush()?;
    Ok(())
}
