//! The receipt after sending, and the page listing the bundles sent from this browser with
//! each bank's answer, where the merchant revokes one: the core prepares the revocation (and
//! the request that reads the answers), the merchant's key signs it and it goes to the same
//! inbox. An answer is shown only once it verifies under the key the catalog lists for the
//! bank; an offer's schedule is recomputed here from its terms.

use std::collections::BTreeMap;

use prequal::catalog::ValidCatalog;
use prequal::consent;
use prequal::response::{self, Response, Status};
use prequal_www::i18n::{self, fill, Lang};
use yew::prelude::*;

use crate::format::{self, label, money};
use crate::host::{now, save_sent_bundles, sent_bundles, Host, SentBundle};
use crate::text::{t, T};
use crate::Shared;

/// Properties of [`Receipt`].
#[derive(Properties, PartialEq)]
pub struct ReceiptProps {
    /// Language.
    pub lang: Lang,
    /// What the inbox acknowledged.
    pub sent: SentBundle,
    /// Back to the products, to apply to another lender with the same profile.
    pub on_products: Callback<MouseEvent>,
    /// To the list of sent bundles.
    pub on_sent_list: Callback<MouseEvent>,
}

/// After sending: what the inbox acknowledged, what happens next in plain words, the way to
/// another lender, the draft this device still keeps, and the technical details behind a
/// disclosure.
#[component]
pub fn Receipt(props: &ReceiptProps) -> Html {
    let (lang, s) = (props.lang, &props.sent);
    // The draft the merchant chose to keep holds the credit code and the figures: offered for
    // deletion now that the bank has what it needs.
    let draft_kept = use_state(|| prequal_www::bridge::load_draft().is_some());
    let deleted = use_state(|| false);
    let on_delete = {
        let (draft_kept, deleted) = (draft_kept.clone(), deleted.clone());
        Callback::from(move |_| {
            prequal_www::bridge::delete_draft();
            draft_kept.set(false);
            deleted.set(true);
        })
    };
    let institution = label(lang, &s.institution_name).to_owned();
    let row =
        |term: T, value: String| html! { <div><dt>{ t(lang, term) }</dt><dd>{ value }</dd></div> };
    html! {
        <>
        <p class="valid" role="status">{ fill(t(lang, T::ReceiptDone), &[&institution]) }</p>
        <dl class="receipt facts">
            { row(T::ReceiptInstitution, institution.clone()) }
            { row(T::ReceiptAt, format::local_time(lang, &s.received_at)) }
            { row(T::SentExpires, format::local_date(&s.expires_at)) }
            { row(T::ReceiptBundle, s.bundle_id.clone()) }
        </dl>
        <h3>{ t(lang, T::NextSteps) }</h3>
        <ol class="next-steps">
            <li>{ fill(t(lang, T::NextBank), &[&institution]) }</li>
            <li>{ fill(t(lang, T::NextRevoke), &[&format::local_date(&s.expires_at)]) }</li>
            <li>{ t(lang, T::NextKeepId) }</li>
        </ol>
        <div class="actions">
            <button type="button" class="primary" id="apply-again" onclick={props.on_products.clone()}>{ t(lang, T::ApplyAgain) }</button>
            <button type="button" id="open-sent" onclick={props.on_sent_list.clone()}>{ t(lang, T::SentLink) }</button>
        </div>
        if *draft_kept {
            <div class="draft-offer">
                <p>{ t(lang, T::DraftStillKept) }</p>
                <button type="button" id="delete-draft-after-send" onclick={on_delete}>{ t(lang, T::DeleteDraftNow) }</button>
            </div>
        } else if *deleted {
            <p class="hint" role="status">{ t(lang, T::DraftDeleted) }</p>
        }
        <details class="technical">
            <summary>{ t(lang, T::TechnicalDetails) }</summary>
            <dl class="facts">
                { row(T::ReceiptBundle, s.bundle_id.clone()) }
                { row(T::ReceiptSha, s.envelope_sha256.clone()) }
                { row(T::ReceiptAt, s.received_at.clone()) }
                if let Some(recomputed) = s.score_recomputed {
                    { row(T::ReceiptRecomputed, t(lang, if recomputed { T::Yes } else { T::No }).to_owned()) }
                }
            </dl>
        </details>
        </>
    }
}

/// Properties of [`SentList`].
#[derive(Properties, PartialEq)]
pub struct SentProps {
    /// Language.
    pub lang: Lang,
    /// The page's services.
    pub host: Host,
    /// The catalog, whose institutions' keys the answers are checked against.
    pub catalog: Shared<Result<ValidCatalog, String>>,
    /// Starts a new bundle to the same product with the fields a bank asked for.
    pub on_more: Callback<(String, Vec<String>)>,
}

/// What this device knows of a bundle's answers.
#[derive(Clone, PartialEq)]
enum Answers {
    /// Asked for, not yet here.
    Asking,
    /// Every answer, in order, each verified under the bank's key.
    Verified(Vec<Response>),
    /// The answers could not be read or did not verify: why.
    Failed(String),
}

/// The bundles sent from this browser with the banks' answers, each revocable until it
/// expires.
#[component]
pub fn SentList(props: &SentProps) -> Html {
    let lang = props.lang;
    let list = use_state(sent_bundles);
    let problem = use_state(|| None::<String>);
    let answers = use_state(BTreeMap::<String, Answers>::new);
    let asked = use_state(|| 0_u32);
    {
        // Ask the inbox for each live bundle's answers when the page opens and on "check".
        let (host, catalog, answers) = (props.host.clone(), props.catalog.clone(), answers.clone());
        let bundles: Vec<SentBundle> = list
            .iter()
            .filter(|s| s.revoked_at.is_none())
            .cloned()
            .collect();
        use_effect_with(*asked, move |_| {
            let mut asking = (*answers).clone();
            for sent in &bundles {
                asking.insert(sent.bundle_id.clone(), Answers::Asking);
            }
            answers.set(asking);
            wasm_bindgen_futures::spawn_local(async move {
                let mut found = BTreeMap::new();
                for sent in bundles {
                    let read = read_answers(&host, &catalog, &sent).await;
                    found.insert(
                        sent.bundle_id.clone(),
                        match read {
                            Ok(list) => Answers::Verified(list),
                            Err(e) => Answers::Failed(e),
                        },
                    );
                }
                answers.set(found);
            });
        });
    }
    if list.is_empty() {
        return html! { <p class="hint">{ t(lang, T::SentNone) }</p> };
    }
    let check_again = {
        let asked = asked.clone();
        Callback::from(move |_| asked.set(*asked + 1))
    };
    let revoke = |sent: &SentBundle| {
        let (list, problem, host, bundle_id, signed_for) = (
            list.clone(),
            problem.clone(),
            props.host.clone(),
            sent.bundle_id.clone(),
            sent.signed_for.clone().unwrap_or_default(),
        );
        Callback::from(move |_| {
            let (list, problem, host, bundle_id, signed_for) = (
                list.clone(),
                problem.clone(),
                host.clone(),
                bundle_id.clone(),
                signed_for.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match revoke_bundle(&host, &bundle_id, &signed_for).await {
                    Ok(at) => {
                        let mut next = sent_bundles();
                        for entry in next.iter_mut().filter(|e| e.bundle_id == bundle_id) {
                            entry.revoked_at = Some(at);
                        }
                        save_sent_bundles(&next);
                        problem.set(None);
                        list.set(next);
                    }
                    Err(e) => problem.set(Some(fill(t(lang, T::RevokeFailed), &[&e]))),
                }
            });
        })
    };
    html! {
        <>
        if let Some(p) = &*problem { <p class="error" role="alert">{ p }</p> }
        <div class="actions"><button type="button" id="check-answers" onclick={check_again}>{ t(lang, T::CheckAnswers) }</button></div>
        <table class="sent">
            <thead><tr>
                <th scope="col">{ t(lang, T::ReceiptBundle) }</th>
                <th scope="col">{ t(lang, T::ReceiptInstitution) }</th>
                <th scope="col">{ t(lang, T::ReceiptAt) }</th>
                <th scope="col">{ t(lang, T::SentExpires) }</th>
                <th scope="col">{ t(lang, T::SentStatus) }</th>
            </tr></thead>
            <tbody>
                { for list.iter().map(|s| {
                    let products = s.products.iter().map(|p| label(lang, p)).collect::<Vec<_>>().join(", ");
                    html! {
                        <tr data-bundle={s.bundle_id.clone()}>
                            <th scope="row"><code>{ &s.bundle_id[..s.bundle_id.len().min(12)] }</code></th>
                            <td data-label={t(lang, T::ReceiptInstitution)}>{ label(lang, &s.institution_name) }<br/><span class="hint">{ products }</span></td>
                            <td data-label={t(lang, T::ReceiptAt)}>{ format::local_time(lang, &s.received_at) }</td>
                            <td data-label={t(lang, T::SentExpires)}>{ format::local_date(&s.expires_at) }</td>
                            <td data-label={t(lang, T::SentStatus)}>{ match s.revoked_at {
                                Some(at) => html! { <>{ t(lang, T::StatusRevoked) }{ " " }{ format::date(at) }</> },
                                None => html! {
                                    <>
                                    <div class="answer">{ answer_view(lang, s, answers.get(&s.bundle_id), &props.on_more) }</div>
                                    <button type="button" class="small revoke" onclick={revoke(s)}
                                        aria-label={format!("{} {}", t(lang, T::Revoke), s.bundle_id)}>{ t(lang, T::Revoke) }</button>
                                    </>
                                },
                            } }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </>
    }
}

/// Reads a bundle's answers: a read request signed with the key that signed the bundle, sent to
/// the inbox, every answer verified under the key the catalog lists for the bank (an offer's
/// figures recomputed from its terms).
async fn read_answers(
    host: &Host,
    catalog: &Shared<Result<ValidCatalog, String>>,
    sent: &SentBundle,
) -> Result<Vec<Response>, String> {
    let catalog: &Result<ValidCatalog, String> = catalog;
    let catalog = catalog.as_ref().map_err(Clone::clone)?;
    let institution = catalog
        .catalog()
        .institutions
        .iter()
        .find(|i| i.id == sent.institution)
        .ok_or_else(|| format!("{}: not in the catalog", sent.institution))?;
    let signer = host
        .merchant_key(sent.signed_for.as_deref().unwrap_or_default())
        .await?;
    let mut nonce = [0u8; 16];
    nonce.copy_from_slice(&host.random32()[..16]);
    let envelope = signer
        .finish(response::prepare_read(
            &sent.bundle_id,
            now(),
            &nonce,
            signer.public,
        ))
        .await?;
    let (status, body) = host.send("responses/read", &envelope).await?;
    let value: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    if status != 200 {
        return Err(value
            .get("error")
            .and_then(|e| e.as_str())
            .map_or_else(|| format!("HTTP {status}"), str::to_owned));
    }
    value
        .get("responses")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
        .map(|row| {
            let envelope = row
                .get("envelope")
                .and_then(|e| e.as_str())
                .unwrap_or_default();
            response::verify(envelope, institution)
                .map_err(|e| e.to_string())
                .and_then(|answer| {
                    // An answer to another bundle or merchant is not this one's.
                    (answer.bundle_id == sent.bundle_id)
                        .then_some(answer)
                        .ok_or_else(|| "an answer to another bundle".to_owned())
                })
        })
        .collect()
}

/// A bundle's standing in words: the last answer (with the offer's schedule, the decline's
/// reasons, the fields wanted and a way to send them), or that none came yet.
fn answer_view(
    lang: Lang,
    sent: &SentBundle,
    answers: Option<&Answers>,
    on_more: &Callback<(String, Vec<String>)>,
) -> Html {
    let list = match answers {
        None | Some(Answers::Asking) => {
            return html! { <p class="hint" role="status">{ t(lang, T::AnswersAsking) }</p> }
        }
        Some(Answers::Failed(why)) => {
            return html! { <p class="error">{ fill(t(lang, T::AnswersFailed), &[why]) }</p> }
        }
        Some(Answers::Verified(list)) => list,
    };
    let Some(last) = list.last() else {
        return html! { <p data-status="sent">{ t(lang, T::StatusActive) }</p> };
    };
    let status = last.status.name();
    let message = last
        .message
        .as_ref()
        .map(|m| html! { <p class="bank-message">{ t(lang, T::BankSays) }{ m.clone() }</p> });
    let body = match last.status {
        Status::Acknowledged => html! { <p>{ t(lang, T::AnswerAcknowledged) }</p> },
        Status::MoreInformation => {
            let names = last
                .fields
                .iter()
                .map(|f| i18n::label(lang, f))
                .collect::<Vec<_>>()
                .join("、");
            let product = sent.product_id.clone().unwrap_or_default();
            let more = {
                let (on_more, fields) = (on_more.clone(), last.fields.clone());
                Callback::from(move |_| on_more.emit((product.clone(), fields.clone())))
            };
            html! {
                <>
                <p>{ fill(t(lang, T::AnswerMore), &[&names]) }</p>
                if sent.product_id.is_some() {
                    <button type="button" class="small send-more" onclick={more}>{ t(lang, T::SendMore) }</button>
                }
                </>
            }
        }
        Status::Offer => match &last.offer {
            Some(offer) => {
                let schedule = offer.terms.schedule().ok();
                let sep = i18n::text(lang, i18n::Text::LabelSeparator);
                html! {
                    <>
                    <p class="offer">{ fill(t(lang, T::AnswerOffer), &[
                        &money(lang, offer.terms.principal_minor),
                        &offer.terms.term_months.to_string(),
                        &format::repayment(lang, offer.repayment_type),
                    ]) }</p>
                    if let Some(schedule) = schedule {
                        <p class="offer-cost">{ t(lang, T::MonthlyPayment) }{ sep }{ money(lang, schedule.first_payment_due_minor()) }
                            { " · " }{ t(lang, T::TotalCost) }{ sep }{ money(lang, schedule.cost_of_credit_minor) }
                            { " · " }{ t(lang, T::Apr) }{ sep }{ format::annual_rates(lang, schedule.effective_annual_rate, schedule.apr) }</p>
                        <details class="offer-schedule">
                            <summary>{ t(lang, T::ShowTable) }</summary>
                            { crate::products::schedule_table(lang, &schedule) }
                        </details>
                    }
                    <p class="hint">{ fill(t(lang, T::OfferValidUntil), &[&offer.valid_until]) }</p>
                    </>
                }
            }
            None => html! {},
        },
        Status::Declined => html! {
            <>
            <p>{ t(lang, T::AnswerDeclined) }</p>
            <ul class="reasons">{ for last.reasons.iter().map(|r| html! { <li>{ prequal_text::decline_reason(crate::format::text_lang(lang), *r) }</li> }) }</ul>
            </>
        },
    };
    html! {
        <div data-status={status}>
            { body }
            { message.unwrap_or_default() }
        </div>
    }
}

/// Signs a revocation with the key that signed the bundle (`signed_for`'s; empty: the shared key
/// of earlier versions) and sends it: the time it was made.
async fn revoke_bundle(host: &Host, bundle_id: &str, signed_for: &str) -> Result<i64, String> {
    let signer = host.merchant_key(signed_for).await?;
    let at = now();
    let envelope = signer
        .finish(consent::prepare_revocation(bundle_id, at, signer.public))
        .await?;
    match host.send("revocations", &envelope).await? {
        (200, _) => Ok(at),
        (status, body) => Err(serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_owned))
            .unwrap_or_else(|| format!("HTTP {status}"))),
    }
}
