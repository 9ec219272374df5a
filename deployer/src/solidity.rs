//! Compiles the Solidity mocks and integrations under `test/solidity` with foundry-compilers,
//! driving solcjs through the `scripts/solc` wrapper (a native-solc command line), or the
//! compiler named by `LRT_SOLC`.

use std::{collections::BTreeMap, path::Path};

use alloy::{json_abi::JsonAbi, primitives::Bytes};
use anyhow::{Context, Result, bail};
use foundry_compilers::{
    Artifact, Project, ProjectBuilder, ProjectPathsConfig,
    solc::{Solc, SolcCompiler},
};

/// A compiled contract: its ABI, creation code and runtime code.
#[derive(Debug, Clone)]
pub struct SolidityArtifact {
    pub abi: JsonAbi,
    pub bytecode: Bytes,
    /// What the creation code leaves on chain (for `eth_call` state overrides).
    pub runtime: Bytes,
}

/// Every contract of `test/solidity`, by contract name.
pub type SolidityArtifacts = BTreeMap<String, SolidityArtifact>;

/// Compiles `<root>/test/solidity` into `<root>/target/solidity` (cached between runs).
pub fn compile(root: &Path) -> Result<SolidityArtifacts> {
    // A native solc (LRT_SOLC=/path/to/solc) skips the solcjs wrapper.
    let solc_path = match std::env::var_os("LRT_SOLC") {
        Some(path) => path.into(),
        None => {
            if !root.join("node_modules/.bin/solcjs").exists() {
                bail!("solcjs is not installed; run scripts/setup.sh (it installs the npm tools)");
            }
            root.join("scripts/solc")
        }
    };
    let solc = Solc::new(&solc_path)
        .map_err(|e| anyhow::anyhow!("{} does not answer like solc: {e}", solc_path.display()))?;
    let out = root.join("target/solidity");
    let paths = ProjectPathsConfig::builder()
        .root(root)
        .sources(root.join("test/solidity"))
        .artifacts(out.join("out"))
        .cache(out.join("cache/solidity-files-cache.json"))
        .build_infos(out.join("out/build-info"))
        .build()
        .context("configuring the Solidity project paths")?;
    let project: Project<SolcCompiler> = ProjectBuilder::<SolcCompiler>::default()
        .paths(paths)
        .build(SolcCompiler::Specific(solc))
        .context("configuring the Solidity project")?;
    let output = project.compile().context("running the Solidity compiler")?;
    if output.has_compiler_errors() {
        bail!("Solidity compilation failed:\n{output}");
    }
    output
        .artifacts()
        .map(|(name, artifact)| {
            let abi = artifact
                .get_abi()
                .with_context(|| format!("{name} has no ABI"))?
                .into_owned();
            let bytecode = artifact
                .get_bytecode_bytes()
                .with_context(|| format!("{name} has no creation code"))?
                .into_owned();
            let runtime = artifact
                .get_deployed_bytecode_bytes()
                .with_context(|| format!("{name} has no runtime code"))?
                .into_owned();
            Ok((
                name,
                SolidityArtifact {
                    abi,
                    bytecode,
                    runtime,
                },
            ))
        })
        .collect()
}

/// Creation code of one fixture; the project is compiled once per process.
pub fn creation_code(root: &Path, contract: &str) -> Result<Bytes> {
    artifact(root, contract).map(|a| a.bytecode.clone())
}

/// Runtime code of one fixture.
pub fn runtime_code(root: &Path, contract: &str) -> Result<Bytes> {
    artifact(root, contract).map(|a| a.runtime.clone())
}

fn artifact(root: &Path, contract: &str) -> Result<&'static SolidityArtifact> {
    static COMPILED: std::sync::OnceLock<SolidityArtifacts> = std::sync::OnceLock::new();
    let artifacts = match COMPILED.get() {
        Some(artifacts) => artifacts,
        None => {
            let compiled = compile(root)?;
            COMPILED.get_or_init(|| compiled)
        }
    };
    artifacts
        .get(contract)
        .with_context(|| format!("test/solidity has no contract {contract}"))
}
