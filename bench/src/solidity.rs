//! Compiles the baseline (`bench/solidity`) with foundry-compilers, as the deployer compiles
//! the fixtures, but with the settings a Solidity team would ship: optimizer on, 200 runs.
//! `@openzeppelin/contracts` comes from `node_modules` (pinned in `package-lock.json`).

use std::path::Path;

use alloy::primitives::Bytes;
use anyhow::{Context, Result, bail};
use foundry_compilers::{
    Artifact, Project, ProjectBuilder, ProjectPathsConfig,
    artifacts::{EvmVersion, Optimizer, Remapping, Settings},
    solc::{Solc, SolcCompiler, SolcSettings},
};

/// Creation code of the baseline's vault and queue, and of the bulk filler.
pub struct Baseline {
    pub vault: Bytes,
    pub queue: Bytes,
    pub filler: Bytes,
}

pub fn compile(root: &Path) -> Result<Baseline> {
    if !root.join("node_modules/@openzeppelin/contracts").exists() {
        bail!("@openzeppelin/contracts is not installed; run scripts/setup.sh");
    }
    let solc_path = match std::env::var_os("LRT_SOLC") {
        Some(path) => path.into(),
        None => root.join("scripts/solc"),
    };
    let solc = Solc::new(&solc_path)
        .map_err(|e| anyhow::anyhow!("{} does not answer like solc: {e}", solc_path.display()))?;
    let out = root.join("target/bench-solidity");
    let remapping: Remapping = format!(
        "@openzeppelin/={}/",
        root.join("node_modules/@openzeppelin").display()
    )
    .parse()
    .map_err(|e| anyhow::anyhow!("remapping: {e}"))?;
    let paths = ProjectPathsConfig::builder()
        .root(root)
        .sources(root.join("bench/solidity"))
        .libs([root.join("node_modules")])
        .remapping(remapping.clone())
        .artifacts(out.join("out"))
        .cache(out.join("cache/solidity-files-cache.json"))
        .build_infos(out.join("out/build-info"))
        .build()
        .context("configuring the baseline's paths")?;
    let settings = Settings {
        optimizer: Optimizer {
            enabled: Some(true),
            runs: Some(200),
            details: None,
        },
        evm_version: Some(EvmVersion::Cancun),
        remappings: vec![remapping],
        ..Settings::default()
    };
    let project: Project<SolcCompiler> = ProjectBuilder::<SolcCompiler>::default()
        .paths(paths)
        .settings(SolcSettings {
            settings,
            ..SolcSettings::default()
        })
        .build(SolcCompiler::Specific(solc))
        .context("configuring the baseline project")?;
    let output = project.compile().context("running the Solidity compiler")?;
    if output.has_compiler_errors() {
        bail!("the baseline does not compile:\n{output}");
    }
    let code = |name: &str| -> Result<Bytes> {
        let artifact = output
            .find_first(name)
            .with_context(|| format!("bench/solidity has no contract {name}"))?;
        Ok(artifact
            .get_bytecode_bytes()
            .with_context(|| format!("{name} has no creation code"))?
            .into_owned())
    };
    Ok(Baseline {
        vault: code("OzVault")?,
        queue: code("OzWithdrawalQueue")?,
        filler: code("BulkFiller")?,
    })
}
