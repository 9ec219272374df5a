//! The acts of the demo, in the order [`super::story`] plays them. Each act prints its
//! heading, does its part through the same operations the CLI uses, and returns the numbers
//! the report and the later acts need.

use alloy::primitives::{Address, U256, keccak256};

use super::{DEMO_CONFIG, pct, rate, show_status, tokens};
use crate::{
    build,
    chain::Wallet,
    config::DeployConfig,
    deploy::{self, Programs},
    error::{Error, Result},
    manifest::{Manifest, VaultRecord},
    ops::{
        Protocol,
        avs::{self, AvsSettings},
        curator,
        deposit::{self, Approval, DepositOptions},
        lending::{self, MarketParams, Position},
        operator, rewards, withdraw,
    },
    output::Out,
    status::Labels,
    units::{WAD, format_amount, format_duration, format_fraction},
};

/// Who plays: the deployer (admin and curator) and one devnet account each for the others.
pub struct Cast {
    pub admin: Protocol,
    pub alice: Protocol,
    pub bob: Protocol,
    pub carol: Protocol,
    pub op_a: Protocol,
    pub op_b: Protocol,
    pub oracle_owner: Protocol,
    pub bridge_avs: Protocol,
    pub dana: Protocol,
}

/// What every act after the deployment plays on.
pub struct Scene<'a> {
    out: &'a Out,
    manifest: Manifest,
    cast: Cast,
    /// The one vault (rstETH over mock stETH).
    v: VaultRecord,
    labels: Labels,
}

/// Bob's loan against rstETH, as it stood before the slash.
pub struct Borrowed {
    market: Address,
    pub health: Position,
}

pub struct Slash {
    pub assets: U256,
    pub rate_after: U256,
}

pub struct Liquidation {
    pub health_after: U256,
    pub shares_seized: U256,
}

pub struct Withdrawal {
    pub requested_assets: U256,
    pub paid_assets: U256,
}

/// Act 3: deploys hub, vault and queue on the devnet; returns the scene and the deploy gas.
pub async fn deploy<'a>(
    out: &'a Out,
    rpc_url: &str,
    signers: &[alloy::signers::local::PrivateKeySigner],
    programs: Programs,
) -> Result<(Scene<'a>, u64)> {
    let wallet = |i: usize| Wallet::with_signer(rpc_url, signers[i].clone());
    let admin_wallet = wallet(0)?;

    out.heading("3. Deploy hub, vault and withdrawal queue (Stylus deploy + activate)");
    let config = DeployConfig::parse(DEMO_CONFIG)?;
    let manifest_path = build::workspace_root().join("target/lrt/demo-manifest.json");
    let _ = std::fs::remove_file(&manifest_path);
    let report =
        deploy::deploy_or_verify(&admin_wallet, &config, || Ok(programs), &manifest_path, out)
            .await?;
    let manifest = report.manifest;
    out.say(&format!(
        "{} on-chain checks passed; total deploy gas {}",
        report.checks.len(),
        manifest.total_gas
    ));
    let admin = Protocol::new(admin_wallet, manifest.clone());
    let as_ = |i: usize| -> Result<Protocol> { Ok(admin.acting_as(wallet(i)?)) };
    let cast = Cast {
        alice: as_(2)?,
        bob: as_(3)?,
        carol: as_(4)?,
        op_a: as_(5)?,
        op_b: as_(6)?,
        oracle_owner: as_(7)?,
        bridge_avs: as_(8)?,
        dana: as_(9)?,
        admin,
    };
    let v = manifest.vault(None)?.clone();
    let mut labels = Labels::new(manifest.labels());
    for (p, name) in [
        (&cast.alice, "alice"),
        (&cast.bob, "bob"),
        (&cast.carol, "carol"),
        (&cast.op_a, "operator A"),
        (&cast.op_b, "operator B"),
        (&cast.bridge_avs, "bridge AVS"),
        (&cast.dana, "dana"),
    ] {
        labels.insert(p.me(), name);
    }
    let deploy_gas = manifest.total_gas;
    let scene = Scene {
        out,
        manifest,
        cast,
        v,
        labels,
    };
    Ok((scene, deploy_gas))
}

impl Scene<'_> {
    /// Act 4: depositors mint mock stETH and deposit (approve or permit); returns the rate.
    pub async fn deposit(&self) -> Result<U256> {
        let (out, cast, v, labels) = (self.out, &self.cast, &self.v, &self.labels);
        out.heading("4. Depositors: mint mock stETH and deposit");
        for (p, amount) in [
            (&cast.alice, 1_000u64),
            (&cast.bob, 1_000),
            (&cast.carol, 1_000),
            (&cast.dana, 5_000),
        ] {
            out.run(
                format!("mint {amount} stETH to {}", labels.name(p.me())),
                deposit::mint(p, v, p.me(), tokens(amount)),
            )
            .await?;
        }
        for (p, amount, approval) in [
            (&cast.alice, 100u64, Approval::Approve),
            (&cast.bob, 200, Approval::Permit),
            (&cast.carol, 50, Approval::Approve),
        ] {
            let label = format!(
                "{} deposits {amount} stETH ({approval:?})",
                labels.name(p.me())
            );
            let done = out
                .run(
                    label,
                    deposit::deposit(
                        p,
                        v,
                        tokens(amount),
                        DepositOptions {
                            approval,
                            ..Default::default()
                        },
                    ),
                )
                .await?;
            out.say(&format!(
                "→ {} rstETH (slippage floor {})",
                format_amount(done.shares, 4),
                format_amount(done.min_shares, 4)
            ));
        }
        rate(&cast.admin, v).await
    }

    /// Act 5: two operators and two AVSs register and opt in to each other; returns the
    /// oracle AVS (a Solidity contract that slashes on a proven double-sign).
    pub async fn register_operators_and_avss(&mut self) -> Result<Address> {
        let (out, cast) = (self.out, &self.cast);
        out.heading("5. Operators and AVSs register; two-sided opt-in");
        out.run(
            "operator A registers",
            operator::register(&cast.op_a, "https://operators.example/a.json"),
        )
        .await?;
        out.run(
            "operator B registers",
            operator::register(&cast.op_b, "https://operators.example/b.json"),
        )
        .await?;
        let fault_fraction = WAD * U256::from(40) / U256::from(100);
        let (oracle, _) = out
            .run(
                "deploy the oracle AVS (Solidity; slashes 40% on a proven double-sign)",
                avs::deploy_mock(
                    &cast.oracle_owner.wallet,
                    self.manifest.hub.address,
                    "oracle-avs",
                    cast.oracle_owner.me(),
                    fault_fraction,
                ),
            )
            .await?;
        self.labels.insert(oracle, "oracle AVS");
        let bridge_settings = AvsSettings {
            metadata_uri: "bridge-avs".into(),
            slasher: None,
            burn_recipient: None,
            allowlist_only: false,
        };
        out.run(
            "the bridge AVS registers (an EOA, its own slasher)",
            avs::register(&cast.bridge_avs, &bridge_settings),
        )
        .await?;
        out.run(
            "operator A opts in to the oracle AVS",
            operator::opt_in(&cast.op_a, oracle),
        )
        .await?;
        out.run("the oracle AVS accepts operator A", async {
            let mock = crate::abi::fixtures::IMockAvs::new(
                oracle,
                cast.oracle_owner.wallet.provider().clone(),
            );
            cast.oracle_owner
                .wallet
                .send(
                    mock.acceptOperator(cast.op_a.me()),
                    "oracle AVS accepts operator A",
                )
                .await
        })
        .await?;
        out.run(
            "operator B opts in to the bridge AVS",
            operator::opt_in(&cast.op_b, cast.bridge_avs.me()),
        )
        .await?;
        out.run(
            "the bridge AVS accepts operator B",
            avs::accept(&cast.bridge_avs, cast.op_b.me()),
        )
        .await?;
        Ok(oracle)
    }

    /// Act 6: the curator delegates to both operators and approves both AVSs; the operators
    /// allocate half of their delegation each.
    pub async fn delegate_and_allocate(&self, oracle: Address) -> Result<()> {
        let (out, cast, v) = (self.out, &self.cast, &self.v);
        out.heading("6. The curator delegates and approves AVSs; operators allocate");
        out.run(
            "curator delegates 60% of rstETH to operator A",
            curator::delegate(&cast.admin, v, cast.op_a.me(), pct(60)),
        )
        .await?;
        out.run(
            "curator delegates 40% of rstETH to operator B",
            curator::delegate(&cast.admin, v, cast.op_b.me(), pct(40)),
        )
        .await?;
        out.run(
            "curator lets the oracle AVS slash up to 30% of rstETH (burned, not redistributed)",
            curator::approve_avs(&cast.admin, v, oracle, pct(30), false),
        )
        .await?;
        out.run(
            "curator lets the bridge AVS slash up to 20% of rstETH",
            curator::approve_avs(&cast.admin, v, cast.bridge_avs.me(), pct(20), false),
        )
        .await?;
        out.run(
            "operator A allocates 50% to the oracle AVS",
            operator::allocate(&cast.op_a, oracle, pct(50)),
        )
        .await?;
        out.run(
            "operator B allocates 50% to the bridge AVS",
            operator::allocate(&cast.op_b, cast.bridge_avs.me(), pct(50)),
        )
        .await?;
        show_status(out, &cast.admin, v, &self.labels).await?;

        out.say("allocations become slashable after the hub's one-day allocation delay");
        Ok(())
    }

    /// Act 7: rewards arrive, the protocol takes its fee, the rest vests over 24 h; returns
    /// the rate once vested.
    pub async fn vest_rewards(&self) -> Result<U256> {
        let (out, cast, v) = (self.out, &self.cast, &self.v);
        out.heading("7. Rewards arrive and vest over 24 h");
        let pushed = out
            .run(
                "dana pushes 35 stETH of rewards",
                rewards::push(&cast.dana, v, tokens(35)),
            )
            .await?;
        out.say(&format!(
            "10% protocol fee goes to the treasury in stETH; the rest vests over {}",
            format_duration(pushed.vesting_period)
        ));
        let before = rate(&cast.admin, v).await?;
        out.run(
            "warp 24 h (evm_increaseTime)",
            cast.admin.wallet.warp(86_400),
        )
        .await?;
        let after = rate(&cast.admin, v).await?;
        out.say(&format!(
            "rate {} → {} stETH per rstETH",
            format_amount(before, 6),
            format_amount(after, 6)
        ));
        Ok(after)
    }

    /// Act 8: rstETH as collateral: a lending market, dana's liquidity, bob's maximal loan.
    pub async fn borrow_against_rsteth(&self) -> Result<Borrowed> {
        let (out, cast, v) = (self.out, &self.cast, &self.v);
        out.heading("8. DeFi: rstETH as collateral in a lending market");
        let params = MarketParams {
            max_ltv_wad: pct(80),
            liquidation_threshold_wad: pct(85),
            liquidation_bonus_wad: pct(5),
        };
        let (market, _) = out
            .run(
                "deploy the lending market (LTV 80%, liquidation at 85%)",
                lending::deploy(&cast.dana, v, params),
            )
            .await?;
        out.run(
            "dana supplies 2,000 stETH of liquidity",
            lending::supply(&cast.dana, v, market, tokens(2_000)),
        )
        .await?;
        let collateral = tokens(150);
        let borrowed = out
            .run("bob posts 150 rstETH and borrows the maximum", async {
                let value = cast.bob.vault(v).convertToAssets(collateral).call().await?;
                let limit = value * params.max_ltv_wad / WAD;
                lending::open_position(&cast.bob, v, market, collateral, limit).await?;
                Ok(limit)
            })
            .await?;
        let health = lending::position(&cast.bob, market, cast.bob.me()).await?;
        out.say(&format!(
            "bob borrowed {} stETH against {} stETH of collateral value; health factor {}",
            format_amount(borrowed, 4),
            format_amount(health.collateral_value, 4),
            format_amount(health.health_factor, 4)
        ));
        Ok(Borrowed { market, health })
    }

    /// Act 9: operator A signs two roots for one epoch; a watcher proves it and the oracle
    /// AVS slashes; the proof cannot be replayed.
    pub async fn slash_a_double_sign(&self, oracle: Address, rate_before: U256) -> Result<Slash> {
        let (out, cast, v) = (self.out, &self.cast, &self.v);
        out.heading("9. Operator A double-signs; anyone proves it; the oracle AVS slashes");
        let epoch = 42;
        let root_a = keccak256(b"block 1000 state root, honest");
        let root_b = keccak256(b"block 1000 state root, forged");
        let sig_a = avs::attest(&cast.op_a.wallet, oracle, epoch, root_a).await?;
        let sig_b = avs::attest(&cast.op_a.wallet, oracle, epoch, root_b).await?;
        out.say("operator A signed two different roots for epoch 42; carol (a watcher) submits both signatures");
        let slashed = out
            .run(
                "carol proves the double-sign",
                avs::prove_double_sign(
                    &cast.carol,
                    oracle,
                    cast.op_a.me(),
                    epoch,
                    (root_a, sig_a.clone()),
                    (root_b, sig_b.clone()),
                ),
            )
            .await?;
        out.say(&format!(
            "slashed {} of A's oracle allocation: {} stETH left the vault (60% delegated × 50% allocated × 40% = 12% of TVL)",
            format_fraction(slashed.fraction_wad),
            format_amount(slashed.total_assets, 4)
        ));
        let replay = avs::prove_double_sign(
            &cast.carol,
            oracle,
            cast.op_a.me(),
            epoch,
            (root_a, sig_a),
            (root_b, sig_b),
        )
        .await;
        match replay {
            Err(err) if err.revert_name() == Some("SlashIdUsed") => {
                out.say(&format!("replaying the proof is refused: {err}"))
            }
            Err(err) => return Err(err),
            Ok(_) => {
                return Err(Error::Other(anyhow::anyhow!(
                    "a replayed slash proof was accepted"
                )));
            }
        }
        let rate_after = rate(&cast.admin, v).await?;
        out.say(&format!(
            "rate {} → {} stETH per rstETH ({} lower)",
            format_amount(rate_before, 6),
            format_amount(rate_after, 6),
            format_fraction(WAD - rate_after * WAD / rate_before)
        ));
        show_status(out, &cast.admin, v, &self.labels).await?;
        Ok(Slash {
            assets: slashed.total_assets,
            rate_after,
        })
    }

    /// Act 10: the lending contagion: the slash makes bob's loan liquidatable, and dana
    /// liquidates half of it.
    pub async fn liquidate_the_borrower(&self, borrowed: &Borrowed) -> Result<Liquidation> {
        let (out, cast, v) = (self.out, &self.cast, &self.v);
        out.heading("10. Contagion: bob's position is now liquidatable");
        let health_after = lending::position(&cast.bob, borrowed.market, cast.bob.me()).await?;
        out.say(&format!(
            "bob's collateral is worth {} stETH against {} debt; health {} → {}; liquidatable: {}",
            format_amount(health_after.collateral_value, 4),
            format_amount(health_after.debt, 4),
            format_amount(borrowed.health.health_factor, 4),
            format_amount(health_after.health_factor, 4),
            health_after.liquidatable
        ));
        if !health_after.liquidatable {
            return Err(Error::Other(anyhow::anyhow!(
                "the slash did not make bob's position liquidatable"
            )));
        }
        let repay = health_after.debt / U256::from(2);
        let liquidation = out
            .run(
                "dana liquidates half of bob's debt",
                lending::liquidate(&cast.dana, v, borrowed.market, cast.bob.me(), repay),
            )
            .await?;
        out.say(&format!(
            "dana repaid {} stETH and seized {} rstETH (5% bonus)",
            format_amount(repay, 4),
            format_amount(liquidation.shares_seized, 4)
        ));
        Ok(Liquidation {
            health_after: health_after.health_factor,
            shares_seized: liquidation.shares_seized,
        })
    }

    /// Act 11: alice redeems through the withdrawal queue: refused before the delay, paid
    /// after it.
    pub async fn withdraw_through_the_queue(&self) -> Result<Withdrawal> {
        let (out, cast, v) = (self.out, &self.cast, &self.v);
        out.heading("11. Alice leaves through the withdrawal queue");
        let requested = out
            .run(
                "alice requests redemption of all her rstETH",
                withdraw::request(&cast.alice, v, None, None),
            )
            .await?;
        let views = withdraw::list(&cast.alice, v, None).await?;
        let requested_assets = views
            .iter()
            .find(|r| r.request_id == requested.request_id)
            .map_or(U256::ZERO, |r| r.assets_at_request);
        match withdraw::claim(&cast.alice, v, requested.request_id).await {
            Err(err) if err.revert().is_some() => {
                out.say(&format!("claiming at once is refused: {err}"))
            }
            Err(err) => return Err(err),
            Ok(_) => {
                return Err(Error::Other(anyhow::anyhow!(
                    "a claim before the withdrawal delay was paid"
                )));
            }
        }
        out.run(
            "warp 7 days (the withdrawal delay)",
            cast.admin.wallet.warp(7 * 86_400 + 1),
        )
        .await?;
        let balance = || async move {
            Ok::<_, Error>(
                cast.alice
                    .asset(v)
                    .balanceOf(cast.alice.me())
                    .call()
                    .await?,
            )
        };
        let before = balance().await?;
        let claimed = out
            .run(
                "alice claims",
                withdraw::claim(&cast.alice, v, requested.request_id),
            )
            .await?;
        let after = balance().await?;
        out.say(&format!(
            "paid {} stETH for {} rstETH (worth {} at request; payout is the lower of request and claim value)",
            format_amount(after - before, 4),
            format_amount(requested.shares, 4),
            format_amount(requested_assets, 4)
        ));
        Ok(Withdrawal {
            requested_assets,
            paid_assets: claimed.assets.max(after - before),
        })
    }

    /// Act 12: the vault as `lrt status` shows it after the whole story.
    pub async fn final_status(&self) -> Result<()> {
        self.out.heading("12. Final status");
        show_status(self.out, &self.cast.admin, &self.v, &self.labels).await
    }
}
