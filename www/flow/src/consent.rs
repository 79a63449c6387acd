//! The consent screen: exactly which fields and values will be shared, with whom, for what and
//! until when; the merchant leaves out or adds optional fields, reads the notice, gives each
//! consent separately (the application itself; a credit-report query with its term and other
//! products only if ticked, never needed to apply; the sensitive fields on their own), signs on
//! this device, then sends the bundle to the bank's inbox and/or downloads it. Who receives it,
//! how long it keeps it and how to withdraw are shown from the catalog (PIPL arts. 17, 23). The
//! bundle is built by the core (`consent::build`), the texts read are the core's own (their
//! hashes are signed), and the merchant's key store signs; this screen only collects the
//! choices.

use std::collections::BTreeSet;
use std::rc::Rc;

use prequal::assess::{Assessment, Model};
use prequal::consent::record::{self, QueryTerm, Use};
use prequal::consent::{self, Purpose, Request};
use prequal::profile::{FieldKind, FieldSpec, FIELDS};
use prequal_engine::GivenHost;
use prequal_www::i18n::{self, fill, Lang, Text};
use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::format::{self, label, money};
use crate::host::{now, save_sent_bundles, sent_bundles, Host, SentBundle};
use crate::text::{t, T};
use crate::{Matching, Shared};

/// Validity choices, in days.
const DAYS: [i64; 3] = [7, 14, 30];

/// Properties of [`ConsentScreen`].
#[derive(Properties, PartialEq)]
pub struct ConsentProps {
    /// Language.
    pub lang: Lang,
    /// The catalog and the merchant.
    pub matching: Shared<Matching>,
    /// The assessment the merchant saw.
    pub assessment: Rc<Assessment>,
    /// The product applied for.
    pub id: String,
    /// The page's services.
    pub host: Host,
    /// Called with the receipt once the inbox holds the bundle.
    pub on_sent: Callback<SentBundle>,
    /// Fields a bank asked for (a more-information answer): shared unless the merchant leaves
    /// them out.
    #[prop_or_default]
    pub wanted: Vec<String>,
}

/// Where signing and sending stand.
#[derive(Clone, PartialEq)]
enum Phase {
    Choosing,
    Signing,
    Signed {
        bundle_id: String,
        envelope: String,
        expires_at: String,
    },
    Sending {
        bundle_id: String,
        envelope: String,
        expires_at: String,
    },
    Failed(String),
}

/// A disclosed value in words (amounts in the language's money format, choices by name).
pub fn value_text(lang: Lang, path: &str, value: &Value) -> String {
    let spec = FieldSpec::find(path);
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| value_text(lang, path, item))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Number(n) if path.ends_with("_minor") => money(lang, n.as_i64().unwrap_or(0)),
        Value::Bool(b) => t(lang, if *b { T::Yes } else { T::No }).to_owned(),
        Value::String(s) => match spec.map(|s| s.kind) {
            Some(FieldKind::Choice(choices)) => choices
                .iter()
                .find(|c| **c == s.as_str())
                .map_or_else(|| s.clone(), |c| i18n::option(lang, c).to_owned()),
            _ => s.clone(),
        },
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The fields offered: those the product needs, those the model reads (so the bank can re-check
/// the grade), and every other field of the form.
fn field_groups(model: &Model, required: &[String]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let required: BTreeSet<String> = required.iter().cloned().collect();
    let score: BTreeSet<String> = model
        .fields()
        .into_iter()
        .map(str::to_owned)
        .filter(|f| !required.contains(f))
        .collect();
    let other = FIELDS
        .iter()
        .filter(|spec| !matches!(spec.kind, FieldKind::Fixed(_)) && spec.path != "as_of")
        .map(|spec| spec.path.to_owned())
        .filter(|f| !required.contains(f) && !score.contains(f))
        .collect();
    (
        required.into_iter().collect(),
        score.into_iter().collect(),
        other,
    )
}

/// The consent screen.
#[component]
pub fn ConsentScreen(props: &ConsentProps) -> Html {
    let lang = props.lang;
    let m = &props.matching;
    let removed = use_state(BTreeSet::<String>::new);
    let added = {
        let wanted = props.wanted.clone();
        use_state(move || wanted.into_iter().collect::<BTreeSet<String>>())
    };
    let purpose = use_state(|| Purpose::LoanApplication);
    let days = use_state(|| 14_i64);
    let agreed = use_state(|| false);
    // The separate, optional consents: off until the merchant ticks them (PIPL art. 16).
    let credit_query = use_state(|| None::<QueryTerm>);
    let other_products = use_state(|| false);
    let model_improvement = use_state(|| false);
    let agreed_sensitive = use_state(|| false);
    let phase = use_state(|| Phase::Choosing);
    let send_error = use_state(|| None::<String>);
    let Some((_, product)) = m.catalog.product(&props.id) else {
        return html! {};
    };
    let institution = m
        .catalog
        .catalog()
        .institutions
        .iter()
        .find(|i| i.id == product.institution);
    let institution_name = institution.map_or(product.institution.clone(), |i| {
        label(lang, &i.name).to_owned()
    });
    // A v2 bundle when the catalog names the institution's data-protection particulars.
    let particulars = institution.and_then(record::of_institution);
    let (required, score, other) = field_groups(&m.model, &product.required_fields);
    // What the loan applied for costs, as the product page said: the consent is given knowing it.
    let disclosure = {
        let matcher = prequal::matching::Matcher::new(&m.catalog, &m.profile, m.standing)
            .with_model(&m.model);
        m.catalog
            .product(&props.id)
            .and_then(|(index, _)| matcher.explain(&matcher.decide(index)).disclosure)
    };
    let chosen: Vec<String> = {
        let mut chosen: Vec<String> = required
            .iter()
            .chain(score.iter().filter(|f| !removed.contains(*f)))
            .chain(other.iter().filter(|f| added.contains(*f)))
            .cloned()
            .collect();
        chosen.sort();
        chosen
    };
    let disclosed = consent::disclose(m.profile.profile(), &chosen).unwrap_or_default();
    let sensitive = if particulars.is_some() {
        record::sensitive_of(disclosed.keys(), lang.tag())
    } else {
        Vec::new()
    };
    let recheckable = score.iter().all(|f| !removed.contains(f));
    let today = now();
    let expires = format::date(today + *days * 24 * 3600);
    let locked = !matches!(*phase, Phase::Choosing | Phase::Failed(_));

    let toggle = |set: &UseStateHandle<BTreeSet<String>>, field: &str| {
        let (set, field) = (set.clone(), field.to_owned());
        Callback::from(move |_| {
            let mut next = (*set).clone();
            if !next.remove(&field) {
                next.insert(field.clone());
            }
            set.set(next);
        })
    };
    // A field's row: its value shows only while it is chosen (`disclosed` holds the chosen ones).
    let row = |field: &String, class: Option<&'static str>, action: Html| {
        let text = disclosed
            .get(field)
            .map(|v| value_text(lang, field, v))
            .unwrap_or_default();
        html! {
            <tr data-field={field.clone()} {class}>
                <th scope="row">{ i18n::label(lang, field) }</th>
                <td class="value">{ text }</td>
                <td>{ action }</td>
            </tr>
        }
    };
    let table = |rows: Html| {
        html! {
            <table class="disclosure">
                <thead><tr>
                    <th scope="col">{ t(lang, T::FieldColumn) }</th>
                    <th scope="col">{ t(lang, T::ValueColumn) }</th>
                    <th scope="col"><span class="visually-hidden">{ t(lang, T::Add) }</span></th>
                </tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        }
    };
    let field_button = |set: &UseStateHandle<BTreeSet<String>>, field: &String, text: T| {
        let name = format!("{} {}", t(lang, text), i18n::label(lang, field));
        html! { <button type="button" class="small" aria-label={name} disabled={locked} onclick={toggle(set, field)}>{ t(lang, text) }</button> }
    };

    let sign = {
        let (phase, host, matching, assessment) = (
            phase.clone(),
            props.host.clone(),
            props.matching.clone(),
            props.assessment.clone(),
        );
        let (chosen, purpose, days, product_id) =
            (chosen.clone(), *purpose, *days, props.id.clone());
        let optional = Optional {
            credit_query: *credit_query,
            other_products: *other_products,
            model_improvement: *model_improvement,
        };
        let institution_id = product.institution.clone();
        Callback::from(move |_| {
            phase.set(Phase::Signing);
            let (phase, host, matching, assessment) = (
                phase.clone(),
                host.clone(),
                matching.clone(),
                assessment.clone(),
            );
            let (chosen, product_id, institution_id) =
                (chosen.clone(), product_id.clone(), institution_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let signed = sign_bundle(
                    &host,
                    &matching,
                    &assessment,
                    &product_id,
                    chosen,
                    purpose,
                    optional,
                    days,
                    lang,
                )
                .await;
                phase.set(match signed {
                    Ok((bundle_id, envelope, expires_at)) => {
                        // The host hears that a bundle was signed, and for whom; not its content.
                        host.event(
                            "bundle-signed",
                            &[
                                ("bundle_id", &bundle_id),
                                ("institution", &institution_id),
                                ("product", &product_id),
                            ],
                        );
                        Phase::Signed {
                            bundle_id,
                            envelope,
                            expires_at,
                        }
                    }
                    Err(e) => Phase::Failed(fill(t(lang, T::SignFailed), &[&e])),
                });
            });
        })
    };
    let send = {
        let (phase, host, on_sent, send_error) = (
            phase.clone(),
            props.host.clone(),
            props.on_sent.clone(),
            send_error.clone(),
        );
        let institution_id = product.institution.clone();
        let product_id = props.id.clone();
        let names = (
            institution.map_or_else(
                || prequal::scorecard::Label {
                    en: product.institution.clone(),
                    zh: product.institution.clone(),
                },
                |i| i.name.clone(),
            ),
            product.name.clone(),
        );
        Callback::from(move |_| {
            let Phase::Signed {
                bundle_id,
                envelope,
                expires_at,
            } = (*phase).clone()
            else {
                return;
            };
            phase.set(Phase::Sending {
                bundle_id: bundle_id.clone(),
                envelope: envelope.clone(),
                expires_at: expires_at.clone(),
            });
            send_error.set(None);
            let product_id = product_id.clone();
            let (phase, host, on_sent, institution_id, names, send_error) = (
                phase.clone(),
                host.clone(),
                on_sent.clone(),
                institution_id.clone(),
                names.clone(),
                send_error.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match host.send("bundles", &envelope).await {
                    Ok((201, body)) => {
                        let receipt: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                        let text = |key: &str| {
                            receipt
                                .get(key)
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_owned()
                        };
                        let sent = SentBundle {
                            bundle_id: bundle_id.clone(),
                            signed_for: Some(institution_id.clone()),
                            product_id: Some(product_id.clone()),
                            institution: institution_id,
                            institution_name: names.0,
                            products: vec![names.1],
                            received_at: text("received_at"),
                            expires_at,
                            envelope_sha256: text("envelope_sha256"),
                            revoked_at: None,
                            score_recomputed: receipt
                                .get("score_recomputed")
                                .and_then(Value::as_bool),
                        };
                        let mut list = sent_bundles();
                        list.insert(0, sent.clone());
                        save_sent_bundles(&list);
                        on_sent.emit(sent);
                    }
                    answer => {
                        let reason = match answer {
                            Ok((status, body)) => serde_json::from_str::<Value>(&body)
                                .ok()
                                .and_then(|v| {
                                    v.get("detail")
                                        .or(v.get("error"))
                                        .and_then(Value::as_str)
                                        .map(str::to_owned)
                                })
                                .unwrap_or_else(|| format!("HTTP {status}")),
                            Err(e) => e,
                        };
                        phase.set(Phase::Signed {
                            bundle_id,
                            envelope,
                            expires_at,
                        });
                        send_error.set(Some(fill(t(lang, T::SendFailed), &[&reason])));
                    }
                }
            });
        })
    };
    let download = {
        let (phase, host) = (phase.clone(), props.host.clone());
        Callback::from(move |_| {
            if let Phase::Signed {
                bundle_id,
                envelope,
                ..
            } = &*phase
            {
                host.download(&format!("prequal-consent-{bundle_id}.json"), envelope);
            }
        })
    };
    let set_purpose = |value: Purpose| {
        let purpose = purpose.clone();
        Callback::from(move |_| purpose.set(value))
    };
    let set_days = {
        let days = days.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            days.set(value.parse().unwrap_or(14));
        })
    };
    let checkbox = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |event: Event| {
            state.set(event.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let toggle_agree = checkbox(&agreed);
    let toggle_sensitive = checkbox(&agreed_sensitive);
    let toggle_other_products = checkbox(&other_products);
    let toggle_model_improvement = checkbox(&model_improvement);
    let toggle_credit_query = {
        let credit_query = credit_query.clone();
        Callback::from(move |event: Event| {
            let on = event.target_unchecked_into::<HtmlInputElement>().checked();
            credit_query.set(on.then_some(QueryTerm::Application));
        })
    };
    let set_term = {
        let credit_query = credit_query.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            credit_query.set(Some(if value == "application-and-loan" {
                QueryTerm::ApplicationAndLoan
            } else {
                QueryTerm::Application
            }));
        })
    };
    let sep = i18n::text(lang, Text::LabelSeparator);
    let format = if particulars.is_some() {
        consent::FORMAT
    } else {
        consent::FORMAT_V1
    };
    let notice = consent::notice_text(format, lang.tag());
    let may_sign = *agreed && (sensitive.is_empty() || *agreed_sensitive) && !chosen.is_empty();
    // One consent: its checkbox, the exact text the record hashes, whether it may be refused.
    let consent_box = |id: &'static str,
                       checked: bool,
                       onchange: Callback<Event>,
                       text: &str,
                       required: bool| {
        let tag = t(
            lang,
            if required {
                T::ConsentRequired
            } else {
                T::ConsentOptional
            },
        );
        html! {
            <p class="consent-choice"><span class="check"><input type="checkbox" {id} {checked} {onchange} disabled={locked} />
                <label for={id}>{ text }<span class={if required { "tag required" } else { "tag" }}>{ tag }</span></label></span></p>
        }
    };
    html! {
        <div class="consent">
            <p class="recipient"><strong>{ fill(t(lang, T::ConsentTo), &[&institution_name, label(lang, &product.name)]) }</strong></p>
            if let Some(d) = &disclosure {
                <details class="consent-cost">
                    <summary>{ t(lang, T::ConsentCost) }</summary>
                    { crate::products::cost_list(lang, d) }
                </details>
            }
            <fieldset class="purpose" disabled={locked}>
                <legend>{ t(lang, T::PurposeLegend) }</legend>
                <span class="check"><input type="radio" id="purpose-application" name="purpose" checked={*purpose == Purpose::LoanApplication} onchange={set_purpose(Purpose::LoanApplication)} />
                    <label for="purpose-application">{ t(lang, T::PurposeApplication) }</label></span>
                <span class="check"><input type="radio" id="purpose-quote" name="purpose" checked={*purpose == Purpose::PreApprovalQuote} onchange={set_purpose(Purpose::PreApprovalQuote)} />
                    <label for="purpose-quote">{ t(lang, T::PurposeQuote) }</label></span>
            </fieldset>
            <div class="field">
                <label for="valid-for">{ t(lang, T::ValidFor) }</label>
                <select id="valid-for" onchange={set_days} disabled={locked}>
                    { for DAYS.iter().map(|d| html! {
                        <option value={d.to_string()} selected={*d == *days}>
                            { fill(t(lang, T::Days), &[&d.to_string(), &format::date(today + d * 24 * 3600)]) }
                        </option>
                    }) }
                </select>
            </div>
            <h3>{ t(lang, T::RequiredFields) }</h3>
            { table(html! { { for required.iter().map(|f| row(f, None, html! {})) } }) }
            <h3>{ t(lang, T::SharedResultHeading) }</h3>
            <p class="shared-result">{ fill(t(lang, T::SharedResult), &[
                props.assessment.grade.name(),
                &props.assessment.score.to_string(),
                &crate::format::percent_one_decimal(props.assessment.probability_of_default),
            ]) }</p>
            if !score.is_empty() {
                <h3>{ t(lang, T::ScoreFields) }</h3>
                { table(html! { { for score.iter().map(|f| {
                    let is_removed = removed.contains(f);
                    let button = field_button(&removed, f, if is_removed { T::Add } else { T::Remove });
                    row(f, is_removed.then_some("left-out"), button)
                }) } }) }
                if !recheckable { <p class="hint warning">{ t(lang, T::NotRecheckable) }</p> }
            }
            // Open when a bank asked for some of these: the merchant sees what is being added.
            <details class="more-fields" open={!props.wanted.is_empty()}>
                <summary>{ t(lang, T::OtherFields) }</summary>
                { table(html! { { for other.iter().map(|f| {
                    let is_added = added.contains(f);
                    let button = field_button(&added, f, if is_added { T::Remove } else { T::Add });
                    row(f, is_added.then_some("added"), button)
                }) } }) }
            </details>
            if let Some((controller, retention, _)) = &particulars {
                <h3>{ t(lang, T::HandlerHeading) }</h3>
                <dl class="handler">
                    <dt>{ t(lang, T::HandlerName) }</dt><dd id="handler-name">{ &controller.legal_name }</dd>
                    <dt>{ t(lang, T::HandlerContact) }</dt><dd>{ &controller.contact }</dd>
                    <dt>{ t(lang, T::HandlerPrivacy) }</dt><dd>{ &controller.data_protection_contact }</dd>
                </dl>
                <p class="hint">{ fill(t(lang, T::Retention), &[&retention.days.to_string()]) }</p>
                <p class="hint">{ fill(t(lang, T::Withdrawal), &[&controller.data_protection_contact]) }</p>
            }
            if !sensitive.is_empty() {
                <h3>{ t(lang, T::SensitiveHeading) }</h3>
                <ul class="sensitive">
                    { for sensitive.iter().map(|category| html! {
                        <li data-category={category.category.clone()}>
                            <strong>{ category.fields.iter().map(|f| i18n::label(lang, f)).collect::<Vec<_>>().join("、") }</strong>
                            { sep }{ record::sensitive_text(&category.category, lang.tag()) }
                        </li>
                    }) }
                </ul>
                { consent_box("agree-sensitive", *agreed_sensitive, toggle_sensitive, t(lang, T::AgreeSensitive), true) }
            }
            <h3>{ t(lang, T::NoticeHeading) }</h3>
            <p class="notice">{ notice }</p>
            <p class="hint">{ t(lang, T::KeyPerBank) }</p>
            if particulars.is_some() {
                <fieldset class="consents" disabled={locked}>
                    <legend>{ t(lang, T::ConsentsLegend) }</legend>
                    { consent_box("agree", *agreed, toggle_agree, record::purpose_text((*purpose).into(), None, lang.tag()), true) }
                    { consent_box(
                        "consent-credit-query",
                        credit_query.is_some(),
                        toggle_credit_query,
                        record::purpose_text(Use::CreditReportQuery, Some(credit_query.unwrap_or(QueryTerm::Application)), lang.tag()),
                        false,
                    ) }
                    if credit_query.is_some() {
                        <div class="field term">
                            <label for="credit-query-term">{ t(lang, T::CreditQueryTerm) }</label>
                            <select id="credit-query-term" onchange={set_term} disabled={locked}>
                                <option value="application" selected={*credit_query == Some(QueryTerm::Application)}>{ t(lang, T::TermApplication) }</option>
                                <option value="application-and-loan" selected={*credit_query == Some(QueryTerm::ApplicationAndLoan)}>{ t(lang, T::TermApplicationAndLoan) }</option>
                            </select>
                        </div>
                    }
                    { consent_box("consent-other-products", *other_products, toggle_other_products, record::purpose_text(Use::OtherProducts, None, lang.tag()), false) }
                    { consent_box("consent-model-improvement", *model_improvement, toggle_model_improvement, record::purpose_text(Use::ModelImprovement, None, lang.tag()), false) }
                </fieldset>
            } else {
                <p><span class="check"><input type="checkbox" id="agree" checked={*agreed} onchange={toggle_agree} disabled={locked} />
                    <label for="agree">{ t(lang, T::Agree) }</label></span></p>
            }
            <p class="hint">{ t(lang, T::ValidFor) }{ sep }{ expires }</p>
            <div class="actions" aria-live="polite">
                { match &*phase {
                    Phase::Choosing | Phase::Failed(_) => html! {
                        <>
                        if let Phase::Failed(reason) = &*phase { <p class="error" role="alert">{ reason }</p> }
                        <button type="button" class="primary" id="sign" disabled={!may_sign} onclick={sign}>{ t(lang, T::Sign) }</button>
                        </>
                    },
                    Phase::Signing => html! { <p role="status">{ t(lang, T::Signing) }</p> },
                    Phase::Signed { bundle_id, .. } | Phase::Sending { bundle_id, .. } => {
                        let sending = matches!(*phase, Phase::Sending { .. });
                        html! {
                            <>
                            <p role="status" class="signed">{ fill(t(lang, T::Signed), &[bundle_id]) }</p>
                            if let Some(problem) = &*send_error { <p class="error" role="alert">{ problem }</p> }
                            <button type="button" class="primary" id="send" disabled={sending} onclick={send}>
                                { if sending { t(lang, T::Sending).to_owned() } else { fill(t(lang, T::Send), &[&institution_name]) } }
                            </button>
                            <button type="button" id="download" onclick={download}>{ t(lang, T::Download) }</button>
                            </>
                        }
                    }
                } }
            </div>
        </div>
    }
}

/// The optional consents the merchant ticked.
#[derive(Clone, Copy)]
struct Optional {
    credit_query: Option<QueryTerm>,
    other_products: bool,
    model_improvement: bool,
}

/// Builds the bundle in the core and signs it with the merchant's key: its id, the flattened
/// JWS and its expiry.
#[allow(clippy::too_many_arguments)] // one call site; the arguments are the merchant's choices
async fn sign_bundle(
    host: &Host,
    matching: &Matching,
    assessment: &Assessment,
    product_id: &str,
    fields: Vec<String>,
    purpose: Purpose,
    optional: Optional,
    days: i64,
    lang: Lang,
) -> Result<(String, String, String), String> {
    let mut request = Request::for_product(
        &matching.catalog,
        product_id,
        &matching.model,
        assessment,
        lang.tag(),
        "web-form",
    )
    .ok_or_else(|| format!("{product_id}: not in the catalog"))?;
    request.fields = fields;
    request.purpose = purpose;
    request.consent_to(
        Use::CreditReportQuery,
        optional.credit_query,
        optional.credit_query.is_some(),
    );
    request.consent_to(Use::OtherProducts, None, optional.other_products);
    request.consent_to(Use::ModelImprovement, None, optional.model_improvement);
    request.valid_for_seconds = days * 24 * 3600;
    // A key of its own for each bank, so banks cannot link the merchant's applications.
    let signer = host.merchant_key(&request.recipient.institution).await?;
    let mut given = GivenHost::new(now(), host.random32());
    let payload =
        consent::build(request, &matching.profile, &mut given).map_err(|e| e.to_string())?;
    let (bundle_id, expires_at) = (payload.bundle_id.clone(), payload.expires_at.clone());
    let envelope = signer
        .finish(consent::prepare(payload, signer.public))
        .await?;
    Ok((bundle_id, envelope, expires_at))
}
