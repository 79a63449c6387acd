//! `prequal`: the command line over the core crate, for banks, portal operators and scripts.
//!
//! Exit codes are part of the interface: 0 ok, 1 the input is invalid (every reason printed),
//! 2 usage error (bad arguments, unreadable file). This file only parses arguments, reads
//! files and prints; every decision is the core's.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `println!` for the command's output, ending the program quietly (exit 0) when the reader has
/// gone away, as in `prequal match … | head`: a closed pipe is not an error of ours.
macro_rules! out {
    () => {
        $crate::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::write_line(format_args!($($arg)*))
    };
}

mod bulk;
mod bundle;
mod inbox;
mod keys;
mod matching;
mod model;
mod schedule;

/// Writes one line of output; see [`out!`].
fn write_line(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(error) = writeln!(std::io::stdout().lock(), "{line}") {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("prequal: cannot write the output: {error}");
        std::process::exit(2);
    }
}

use clap::{Parser, Subcommand, ValueEnum};
use prequal::assess::Model;
use prequal::catalog::ProductKind;
use prequal::consent::record::QueryTerm;
use prequal::consent::Purpose;
use prequal::matching::{Query, SortKey};
use prequal::money::parse_major;
use prequal::profile;
use prequal::schedule::Repayment;
use prequal::{ProfileErrors, ValidProfile};

/// Private small-business loan pre-qualification.
#[derive(Parser)]
#[command(name = "prequal", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a merchant profile against every rule and list all problems.
    Validate {
        /// The profile, as JSON (`-` reads standard input).
        #[arg(long, value_name = "FILE")]
        profile: PathBuf,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print the problems in Chinese, in the web form's words (text format).
        #[arg(long)]
        zh: bool,
    },

    /// Score a profile with the shipped model (or --model): grade, PD, reasons, policy
    /// overlays, what-if.
    /// With `--csv`, score every row of a CSV and print one JSON line per row.
    #[command(group(clap::ArgGroup::new("input").required(true).args(["profile", "csv"])))]
    Score {
        /// The profile, as JSON (`-` reads standard input).
        #[arg(long, value_name = "FILE")]
        profile: Option<PathBuf>,
        /// A CSV of profiles, one per row, typed as in the web form (amounts in yuan).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Maps the CSV's column names to profile field paths (default: the header already uses
        /// field paths such as `business.employees`).
        #[arg(long, value_name = "FILE")]
        schema: Option<PathBuf>,
        /// Score with this model artifact (`scorecard.json`, e.g. from `prequal model train`)
        /// instead of the shipped one; check its signature first with `prequal model verify`.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// Match a profile against the product catalog: eligible products with their offer,
    /// cost and disclosure, near misses with what to change, and (with --all) the rest.
    Match {
        /// The profile, as JSON (`-` reads standard input).
        #[arg(long, value_name = "FILE")]
        profile: PathBuf,
        /// Use this risk grade (A–G) instead of scoring the profile with the shipped model.
        #[arg(long)]
        grade: Option<String>,
        /// A catalog file instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
        /// Only these product kinds (credit, collateral, guarantee, government-procurement,
        /// supply-chain, seasonal, ip-pledge, invoice); repeat or separate with commas.
        #[arg(long, value_delimiter = ',')]
        kind: Vec<String>,
        /// Only these institutions (ids); repeat or separate with commas.
        #[arg(long, value_delimiter = ',')]
        institution: Vec<String>,
        /// Only lenders serving this GB/T 2260 region.
        #[arg(long)]
        region: Option<String>,
        /// Only products able to lend this amount, in yuan.
        #[arg(long)]
        amount: Option<String>,
        /// Only products offering this term, in months.
        #[arg(long)]
        term: Option<u32>,
        /// Order of the results.
        #[arg(long, value_enum, default_value_t = SortArg::Cost)]
        sort: SortArg,
        /// Also list products that are not eligible, with every reason.
        #[arg(long)]
        all: bool,
        /// At most this many products per group (0: no limit).
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print reasons in Chinese.
        #[arg(long)]
        zh: bool,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Consent bundles: make, verify, inspect, revoke.
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// The bank's inbox server.
    #[command(subcommand)]
    Inbox(InboxCommand),
    /// Signing keys (Ed25519, as JWK files).
    #[command(subcommand)]
    Key(KeyCommand),
    /// Check, sign and verify product catalogs.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Sign and verify model artifacts, and print their model cards.
    #[command(subcommand)]
    Model(ModelCommand),
    /// A repayment schedule with its total cost and estimated APR.
    Schedule {
        /// Amount borrowed, in yuan (e.g. `100,000` or `99999.50`).
        #[arg(long)]
        amount: String,
        /// Nominal annual rate in percent (e.g. `3.85`).
        #[arg(long)]
        rate: String,
        /// Term in months.
        #[arg(long)]
        months: u32,
        /// How principal is repaid.
        #[arg(long = "type", value_enum)]
        repayment: RepaymentArg,
        /// For `seasonal`: calendar months (1–12) in which principal is repaid, e.g. `10,11`.
        #[arg(long, value_delimiter = ',')]
        seasonal_months: Vec<u8>,
        /// Calendar month (1–12) of the first payment.
        #[arg(long, default_value_t = 1)]
        first_month: u8,
        /// Fees paid when the loan is made, in yuan.
        #[arg(long, default_value = "0")]
        upfront_fee: String,
        /// Fees paid with every instalment, in yuan.
        #[arg(long, default_value = "0")]
        monthly_fee: String,
        /// For `equal-instalment` and `equal-principal`: months at the start with interest
        /// only (a grace period on principal, 宽限期).
        #[arg(long, default_value_t = 0)]
        grace_months: u32,
        /// How to print the result.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// `prequal key …`.
#[derive(Subcommand)]
enum KeyCommand {
    /// Make a new Ed25519 signing key (a private JWK file) and print its did:key.
    New {
        /// Where to write the key (created readable by you only).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print the did:key of a key file.
    Public {
        /// The key file.
        file: PathBuf,
    },
}

/// `prequal bundle …`.
#[derive(Subcommand)]
enum BundleCommand {
    /// Make and sign a consent bundle for one product (testing and banks' staging).
    Make {
        /// The merchant's profile.
        #[arg(long, value_name = "FILE")]
        profile: PathBuf,
        /// The product applied for (an id in the catalog).
        #[arg(long)]
        product: String,
        /// The merchant's private key (from `prequal key new`).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// A catalog instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        catalog: Option<PathBuf>,
        /// Why the data is shared.
        #[arg(long, value_enum, default_value_t = PurposeArg::LoanApplication)]
        purpose: PurposeArg,
        /// Also authorise the institution to query the merchant's credit report (征信查询授权),
        /// for this term: while the application is assessed, or also until a loan made is
        /// repaid. Off unless given.
        #[arg(long, value_enum, value_name = "TERM")]
        credit_query: Option<QueryTermArg>,
        /// Also let the institution consider the merchant for its other products. Off unless
        /// given.
        #[arg(long)]
        other_products: bool,
        /// Also let the institution use the disclosed data with the loan's later outcome to
        /// improve its own risk model. Off unless given.
        #[arg(long)]
        model_improvement: bool,
        /// Days until the bundle expires (1–30).
        #[arg(long, default_value_t = 14)]
        days: i64,
        /// Also disclose these fields (paths, comma-separated).
        #[arg(long, value_delimiter = ',')]
        add: Vec<String>,
        /// Do not disclose these fields.
        #[arg(long, value_delimiter = ',')]
        remove: Vec<String>,
        /// The merchant's language.
        #[arg(long, default_value = "zh-CN")]
        locale: String,
        /// Print the compact JWS instead of the flattened JSON.
        #[arg(long)]
        compact: bool,
    },
    /// Verify a bundle: exit 0 valid, 1 invalid (reason on stderr).
    Verify {
        /// The bundle (compact or flattened JSON; `-` reads standard input).
        file: PathBuf,
        /// The institution that must be its recipient.
        #[arg(long)]
        recipient: Option<String>,
        /// Verify as of this time (YYYY-MM-DDTHH:MM:SSZ) instead of now.
        #[arg(long)]
        at: Option<String>,
        /// A catalog the bundle's products may come from (repeatable; default: the shipped
        /// sample catalog). A bundle citing any other catalog is refused.
        #[arg(long, value_name = "FILE")]
        catalog: Vec<PathBuf>,
        /// Refuse a bundle whose score cannot be recomputed from its disclosure.
        #[arg(long)]
        require_recomputable: bool,
    },
    /// Show a bundle's content and whether it verifies.
    Inspect {
        /// The bundle.
        file: PathBuf,
        /// A trusted catalog (repeatable; default: the shipped sample catalog).
        #[arg(long, value_name = "FILE")]
        catalog: Vec<PathBuf>,
    },
    /// Sign the revocation of a bundle with the merchant's key.
    Revoke {
        /// The bundle to revoke.
        file: PathBuf,
        /// The merchant's private key.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
    },
}

/// `prequal inbox …`.
#[derive(Subcommand)]
enum InboxCommand {
    /// Run the bank's inbox: verify, store and list consent bundles (see `docs/inbox.md`).
    Serve {
        /// The configuration file (TOML).
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: String,
        /// Keep bundles in PostgreSQL (`postgres://user@host/db`) instead of the configured
        /// SQLite file; overrides `database_url` in the configuration.
        #[arg(long, value_name = "URL")]
        database_url: Option<String>,
    },
    /// Print a new bearer token for an institution and the hash to put in the configuration.
    Token,
    /// The loan officers' desk accounts (`/desk/` on the inbox; see `docs/desk.md`).
    #[command(subcommand)]
    Staff(StaffCommand),
}

/// `prequal inbox staff …`.
#[derive(Subcommand)]
enum StaffCommand {
    /// Add a member of staff; the password (12 characters or more) is read from
    /// --password-file, or from the first line of standard input.
    Add {
        /// The inbox's configuration file (TOML): where its database is.
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
        /// The institution (one of the configuration's) whose applications they work on.
        #[arg(long)]
        institution: String,
        /// Their login (letters, digits, `.`, `_`, `-`, `@`).
        #[arg(long)]
        login: String,
        /// officer (reads and answers) or viewer (reads only).
        #[arg(long, default_value = "officer")]
        role: String,
        /// A file holding the password.
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// PostgreSQL instead of the configured database.
        #[arg(long, value_name = "URL")]
        database_url: Option<String>,
    },
    /// List the staff.
    List {
        /// The inbox's configuration file (TOML).
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
        /// PostgreSQL instead of the configured database.
        #[arg(long, value_name = "URL")]
        database_url: Option<String>,
    },
    /// Disable a member of staff and end their sessions.
    Disable {
        /// The inbox's configuration file (TOML).
        #[arg(long, value_name = "FILE")]
        config: PathBuf,
        /// Their login.
        #[arg(long)]
        login: String,
        /// PostgreSQL instead of the configured database.
        #[arg(long, value_name = "URL")]
        database_url: Option<String>,
    },
}

/// How long a credit-report query may be made.
#[derive(Clone, Copy, ValueEnum)]
enum QueryTermArg {
    /// While the application is assessed.
    Application,
    /// Also until a loan made is repaid.
    ApplicationAndLoan,
}

/// Purposes on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum PurposeArg {
    /// Apply for the product.
    LoanApplication,
    /// Ask for a non-binding quote.
    PreApprovalQuote,
}

/// `prequal catalog …`.
#[derive(Subcommand)]
enum CatalogCommand {
    /// Check a catalog file against every rule (default: the shipped catalog).
    Check {
        /// The catalog.
        file: Option<PathBuf>,
    },
    /// Print a detached JWS (EdDSA) over a catalog file's exact bytes.
    Sign {
        /// The catalog.
        file: PathBuf,
        /// The operator's private key (from `prequal key new`).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
    },
    /// Verify a catalog's detached signature by a trusted key, then check the catalog.
    Verify {
        /// The catalog.
        file: PathBuf,
        /// The detached JWS.
        #[arg(long, value_name = "FILE")]
        signature: PathBuf,
        /// The did:key of the operator trusted to sign it.
        #[arg(long, value_name = "DID")]
        trust: String,
    },
}

/// `prequal model …`.
#[derive(Subcommand)]
enum ModelCommand {
    /// Print a detached JWS (EdDSA, typ prequal-model+jws) over a model artifact's exact bytes.
    Sign {
        /// The model artifact (`scorecard.json`).
        file: PathBuf,
        /// The operator's private key (from `prequal key new`).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
    },
    /// Verify a model's detached signature by a trusted key, then check the artifact.
    Verify {
        /// The model artifact.
        file: PathBuf,
        /// The detached JWS (default: FILE.jws).
        #[arg(long, value_name = "FILE")]
        signature: Option<PathBuf>,
        /// The did:key of the operator trusted to sign it.
        #[arg(long, value_name = "DID")]
        trust: String,
    },
    /// Print the model card (Markdown) of a model artifact.
    Card {
        /// The model artifact.
        file: PathBuf,
    },
    /// Train a model on your own outcomes: a bulk CSV of profiles (the `score --csv` format)
    /// with an outcome column, and a training schema naming the features, the outcome and the
    /// column names (examples/training/profiles.schema.json). Writes DIR/scorecard.json and
    /// DIR/MODEL_CARD.md, and with --key the signature DIR/scorecard.json.jws.
    Train {
        /// The profiles with their outcomes.
        #[arg(long, value_name = "FILE")]
        csv: PathBuf,
        /// The training schema.
        #[arg(long, value_name = "FILE")]
        schema: PathBuf,
        /// The directory to write the model into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The operator's private key, to sign the model (from `prequal key new`).
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
    },
}

/// Sort orders on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    /// Total cost of credit, lowest first.
    Cost,
    /// Rate at your grade, lowest first.
    Rate,
    /// Largest amount first.
    Amount,
    /// Longest term first.
    Term,
}

/// Repayment types on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum RepaymentArg {
    /// 等额本息: the same payment every month.
    EqualInstalment,
    /// 等额本金: the same principal every month.
    EqualPrincipal,
    /// Interest monthly, principal at the end.
    InterestOnly,
    /// Principal in the months given by --seasonal-months.
    Seasonal,
    /// 利随本清: principal and all interest together at maturity.
    Bullet,
    /// 按季付息到期还本: interest every quarter, principal at maturity.
    QuarterlyInterest,
    /// 随借随还: a revolving line, interest by the day (rate / 360) on the whole line drawn
    /// for the term, paid monthly.
    Revolving,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// One line per problem, for people.
    Text,
    /// `{"valid": bool, "errors": [{"field", "rule", …}]}`, for programs.
    Json,
}

/// Exit code for input that was read but is invalid.
pub(crate) const INVALID: u8 = 1;
/// Exit code for usage problems (clap also uses 2 for bad arguments).
pub(crate) const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate {
            profile,
            format,
            zh,
        } => validate(&profile, format, zh),
        Command::Score {
            profile: Some(profile),
            csv: None,
            schema: None,
            model,
        } => with_model(model.as_deref(), |model| score(&profile, model)),
        Command::Score {
            profile: None,
            csv: Some(csv),
            schema,
            model,
        } => with_model(model.as_deref(), |model| {
            bulk::score_csv(&csv, schema.as_deref(), model)
        }),
        Command::Schedule {
            amount,
            rate,
            months,
            repayment,
            seasonal_months,
            first_month,
            upfront_fee,
            monthly_fee,
            grace_months,
            format,
        } => {
            let repayment = match repayment {
                RepaymentArg::EqualInstalment => Repayment::EqualInstalment,
                RepaymentArg::EqualPrincipal => Repayment::EqualPrincipal,
                RepaymentArg::InterestOnly => Repayment::InterestOnlyBalloon,
                RepaymentArg::Seasonal => Repayment::Seasonal {
                    months: seasonal_months,
                },
                RepaymentArg::Bullet => Repayment::BulletAtMaturity,
                RepaymentArg::QuarterlyInterest => Repayment::QuarterlyInterest,
                RepaymentArg::Revolving => Repayment::RevolvingLine,
            };
            schedule::print(
                [
                    ("--amount", &amount),
                    ("--rate", &rate),
                    ("--upfront-fee", &upfront_fee),
                    ("--monthly-fee", &monthly_fee),
                ],
                months,
                repayment,
                first_month,
                grace_months,
                format,
            )
        }
        Command::Match {
            profile,
            grade,
            catalog,
            kind,
            institution,
            region,
            amount,
            term,
            sort,
            all,
            limit,
            zh,
            format,
        } => {
            let query = match match_query(kind, institution, region, amount, term, sort) {
                Ok(query) => query,
                Err(message) => return usage(message),
            };
            matching::run(matching::Options {
                profile: &profile,
                grade: grade.as_deref(),
                catalog: catalog.as_deref(),
                query,
                all,
                limit,
                zh,
                format,
            })
        }
        Command::Bundle(BundleCommand::Make {
            profile,
            product,
            key,
            catalog,
            purpose,
            credit_query,
            other_products,
            model_improvement,
            days,
            add,
            remove,
            locale,
            compact,
        }) => bundle::make(bundle::MakeOptions {
            profile: &profile,
            product: &product,
            key: &key,
            catalog: catalog.as_deref(),
            purpose: match purpose {
                PurposeArg::LoanApplication => Purpose::LoanApplication,
                PurposeArg::PreApprovalQuote => Purpose::PreApprovalQuote,
            },
            credit_query: credit_query.map(|term| match term {
                QueryTermArg::Application => QueryTerm::Application,
                QueryTermArg::ApplicationAndLoan => QueryTerm::ApplicationAndLoan,
            }),
            other_products,
            model_improvement,
            days,
            add,
            remove,
            locale,
            compact,
        }),
        Command::Bundle(BundleCommand::Verify {
            file,
            recipient,
            at,
            catalog,
            require_recomputable,
        }) => bundle::verify(bundle::VerifyOptions {
            file: &file,
            recipient: recipient.as_deref(),
            at: at.as_deref(),
            catalogs: &catalog,
            require_recomputable,
        }),
        Command::Bundle(BundleCommand::Inspect { file, catalog }) => {
            bundle::inspect(&file, &catalog)
        }
        Command::Bundle(BundleCommand::Revoke { file, key }) => bundle::revoke(&file, &key),
        Command::Inbox(InboxCommand::Serve {
            config,
            listen,
            database_url,
        }) => inbox::serve(&config, &listen, database_url),
        Command::Inbox(InboxCommand::Token) => inbox::token(),
        Command::Inbox(InboxCommand::Staff(StaffCommand::Add {
            config,
            institution,
            login,
            role,
            password_file,
            database_url,
        })) => inbox::staff(
            &config,
            database_url,
            inbox::StaffAction::Add {
                institution: &institution,
                login: &login,
                role: &role,
                password_file: password_file.as_deref(),
            },
        ),
        Command::Inbox(InboxCommand::Staff(StaffCommand::List {
            config,
            database_url,
        })) => inbox::staff(&config, database_url, inbox::StaffAction::List),
        Command::Inbox(InboxCommand::Staff(StaffCommand::Disable {
            config,
            login,
            database_url,
        })) => inbox::staff(
            &config,
            database_url,
            inbox::StaffAction::Disable { login: &login },
        ),
        Command::Key(KeyCommand::New { out, force }) => keys::new_key(&out, force),
        Command::Key(KeyCommand::Public { file }) => keys::public(&file),
        Command::Catalog(CatalogCommand::Check { file }) => keys::check_catalog(file.as_deref()),
        Command::Catalog(CatalogCommand::Sign { file, key }) => keys::sign_catalog(&file, &key),
        Command::Catalog(CatalogCommand::Verify {
            file,
            signature,
            trust,
        }) => keys::verify_catalog(&file, &signature, &trust),
        Command::Model(ModelCommand::Sign { file, key }) => model::sign(&file, &key),
        Command::Model(ModelCommand::Verify {
            file,
            signature,
            trust,
        }) => model::verify(&file, signature.as_deref(), &trust),
        Command::Model(ModelCommand::Card { file }) => model::card(&file),
        Command::Model(ModelCommand::Train {
            csv,
            schema,
            out,
            key,
        }) => model::train(&csv, &schema, &out, key.as_deref()),
        Command::Score { .. } => {
            usage("score takes --profile FILE, or --csv FILE with an optional --schema FILE")
        }
    }
}

/// The matching query from `match`'s flags; a usage message names a bad flag.
fn match_query(
    kinds: Vec<String>,
    institutions: Vec<String>,
    region: Option<String>,
    amount: Option<String>,
    term: Option<u32>,
    sort: SortArg,
) -> Result<Query, String> {
    let kinds = kinds
        .iter()
        .map(|name| {
            ProductKind::ALL
                .into_iter()
                .find(|kind| kind.name() == name)
                .ok_or_else(|| {
                    let known: Vec<_> = ProductKind::ALL.iter().map(|k| k.name()).collect();
                    format!("--kind {name}: not a product kind ({})", known.join(", "))
                })
        })
        .collect::<Result<_, _>>()?;
    let amount_minor = amount
        .map(|text| parse_major(&text).map_err(|rule| format!("--amount {text}: {rule}")))
        .transpose()?;
    Ok(Query {
        kinds,
        institutions,
        region,
        amount_minor,
        term_months: term,
        sort: match sort {
            SortArg::Cost => SortKey::Cost,
            SortArg::Rate => SortKey::Rate,
            SortArg::Amount => SortKey::Amount,
            SortArg::Term => SortKey::Term,
        },
    })
}

/// Reads and checks a profile file. `Err` carries the exit code for a file that could not be
/// read at all (a usage error); `Ok` carries the verdict on its content.
fn read_profile(path: &Path) -> Result<Result<ValidProfile, ProfileErrors>, ExitCode> {
    let text = read_input(path).map_err(usage)?;
    Ok(profile::from_json(&text).and_then(|profile| profile.validate()))
}

fn validate(path: &Path, format: Format, zh: bool) -> ExitCode {
    let result = match read_profile(path) {
        Ok(result) => result,
        Err(code) => return code,
    };
    match (format, &result) {
        (Format::Json, _) => {
            let errors = result.as_ref().err().map_or(&[][..], |e| &e.errors[..]);
            let report = serde_json::json!({ "valid": result.is_ok(), "errors": errors });
            out!("{report:#}");
        }
        (Format::Text, Ok(valid)) => {
            out!("valid: {}", valid.profile().business.name);
        }
        (Format::Text, Err(ProfileErrors { errors })) if zh => {
            let lang = prequal_text::Lang::zh_cn();
            out!(
                "{}",
                prequal_text::message(
                    lang,
                    "cli-invalid",
                    &[("n", i64::try_from(errors.len()).unwrap_or(0).into())]
                )
            );
            for error in errors {
                out!("  {}", prequal_text::field_error(lang, error));
            }
        }
        (Format::Text, Err(ProfileErrors { errors })) => {
            out!("invalid: {} problem(s)", errors.len());
            for error in errors {
                out!("  {error}");
            }
        }
    }
    if result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(INVALID)
    }
}

/// Runs `run` with the model artifact at `path` (read and checked, exit 1 when it is not a
/// model) or the shipped one.
fn with_model(path: Option<&Path>, run: impl FnOnce(&Model) -> ExitCode) -> ExitCode {
    match path {
        None => run(Model::shipped()),
        Some(path) => match model::load(path) {
            Ok((_, model)) => run(&model),
            Err(code) => code,
        },
    }
}

fn score(path: &Path, model: &Model) -> ExitCode {
    let valid = match valid_profile(path) {
        Ok(valid) => valid,
        Err(code) => return code,
    };
    let assessment = model.assess(&valid);
    let worded = prequal_text::json::assessment(&assessment, valid.profile(), model);
    match serde_json::to_string_pretty(&worded) {
        Ok(json) => {
            out!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prequal: cannot print the assessment: {e}");
            ExitCode::from(INVALID)
        }
    }
}

/// Reads a profile that commands need valid: on failure every problem goes to stderr and the
/// exit code is 1 (2 when the file cannot be read).
pub(crate) fn valid_profile(path: &Path) -> Result<ValidProfile, ExitCode> {
    match read_profile(path)? {
        Ok(valid) => Ok(valid),
        Err(ProfileErrors { errors }) => {
            eprintln!(
                "prequal: the profile is invalid ({} problem(s)):",
                errors.len()
            );
            for error in errors {
                eprintln!("  {error}");
            }
            Err(ExitCode::from(INVALID))
        }
    }
}

/// Reports a usage problem (bad arguments, unreadable file) and gives its exit code.
pub(crate) fn usage(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("prequal: {message}");
    ExitCode::from(USAGE)
}

/// Reads a file, or standard input for `-`.
pub(crate) fn read_input(path: &Path) -> Result<String, String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}
