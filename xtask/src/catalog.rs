//! `cargo xtask catalog`: writes the sample catalog `models/catalog.json` from the generator's
//! stated assumptions (see `catalog-gen`), or with `--check` regenerates it and fails unless
//! the committed file is identical byte for byte. `--products N --out FILE` writes a larger
//! catalog, e.g. the 10,000-product one the benchmarks use.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use prequal::catalog::ValidCatalog;
use prequal_catalog_gen::{generate, to_json, Spec};

use crate::workspace_root;

/// The committed catalog.
pub fn shipped_path() -> PathBuf {
    workspace_root().join("models/catalog.json")
}

/// The JSON text of a generated catalog of `products` products, checked by the core.
pub fn generated(products: usize) -> Result<String> {
    let spec = if products == Spec::shipped().products {
        Spec::shipped()
    } else {
        Spec::with_products(products)
    };
    let text = to_json(&generate(&spec));
    ValidCatalog::from_json(text.as_bytes())
        .map_err(|errors| anyhow::anyhow!("the generator wrote an invalid catalog: {errors}"))?;
    Ok(text)
}

/// Runs the command.
pub fn run(check: bool, products: Option<usize>, out: Option<&Path>) -> Result<()> {
    let products = products.unwrap_or(Spec::shipped().products);
    let text = generated(products)?;
    let out = out.map_or_else(shipped_path, Path::to_path_buf);
    if check {
        let committed =
            std::fs::read_to_string(&out).with_context(|| format!("reading {}", out.display()))?;
        if committed != text {
            bail!(
                "{} differs from what the generator writes; run `cargo xtask catalog` and commit",
                out.display()
            );
        }
        println!("{} reproduces byte for byte", out.display());
        return Ok(());
    }
    std::fs::write(&out, &text).with_context(|| format!("writing {}", out.display()))?;
    let catalog =
        ValidCatalog::from_json(text.as_bytes()).map_err(|errors| anyhow::anyhow!("{errors}"))?;
    println!(
        "wrote {}: {} institutions, {} products, {} bytes, SHA-256 {}",
        out.display(),
        catalog.catalog().institutions.len(),
        catalog.catalog().products.len(),
        text.len(),
        catalog.sha256()
    );
    Ok(())
}

/// Products in the committed catalog.
pub fn shipped_product_count() -> Result<usize> {
    let bytes = std::fs::read(shipped_path())?;
    let catalog = ValidCatalog::from_json(&bytes).map_err(|errors| anyhow::anyhow!("{errors}"))?;
    Ok(catalog.catalog().products.len())
}
