//! The loan officers' desk over HTTP, as a browser would drive it (cookies by hand): sign-in
//! with its CSRF token and throttling, the list and an application with its recomputed score,
//! an offer made on the desk that the merchant reads as the institution's signed answer, an
//! outcome and the two exports, a revocation that disables the actions, an officer of another
//! institution and a viewer kept out, the audit log only ever growing, sessions ending; and
//! two inbox processes over one PostgreSQL serving the same officer.

mod support;

use prequal::consent::{self, record::Use};
use prequal::jws::SecretKey;
use prequal_inbox::desk::{add_staff, Role};
use prequal_inbox::{Cell, Statement, Store};
use reqwest::StatusCode;
use support::*;

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_answers_on_the_desk() {
    desk(sqlite(), false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test starts one and runs it"]
async fn the_desk_on_postgres() {
    desk(postgres("prequal_test_desk").await, false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: cargo xtask test starts one and runs it"]
async fn two_inboxes_on_one_postgres_serve_one_desk() {
    desk(postgres("prequal_test_desk_two").await, true).await;
}

/// A browser without a cookie jar: the tests carry each cookie by hand and never follow
/// redirects, so every step is seen.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The value of `name="csrf"` in a page.
fn csrf_of(page: &str) -> String {
    let at = page
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token")
        + 19;
    page[at..].split('"').next().expect("value").to_owned()
}

/// The `name` and value of each cookie a response sets.
fn cookies(response: &reqwest::Response) -> Vec<(String, String)> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// Signs in at `url` (fetching the form for its token): the session cookie's value, or the
/// status the sign-in got.
async fn sign_in(
    client: &reqwest::Client,
    url: &str,
    login: &str,
    password: &str,
) -> Result<String, StatusCode> {
    let form = client
        .get(format!("{url}/desk/sign-in"))
        .send()
        .await
        .expect("sends");
    let jar = cookies(&form);
    let (_, token) = jar
        .iter()
        .find(|(name, _)| name == "__Host-prequal-desk-sign-in")
        .expect("the sign-in form sets its token cookie")
        .clone();
    let page = form.text().await.expect("page");
    assert_eq!(
        csrf_of(&page),
        token,
        "double submit: the same token in the form and cookie"
    );
    let response = client
        .post(format!("{url}/desk/sign-in"))
        .header("cookie", format!("__Host-prequal-desk-sign-in={token}"))
        .form(&[
            ("csrf", token.as_str()),
            ("login", login),
            ("password", password),
        ])
        .send()
        .await
        .expect("sends");
    if response.status() != StatusCode::SEE_OTHER {
        return Err(response.status());
    }
    let set = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-prequal-desk="))
        .expect("a session cookie")
        .to_owned();
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attribute), "{set} lacks {attribute}");
    }
    Ok(set
        .trim_start_matches("__Host-prequal-desk=")
        .split(';')
        .next()
        .expect("value")
        .to_owned())
}

async fn page(
    client: &reqwest::Client,
    url: &str,
    session: &str,
    path: &str,
) -> (StatusCode, String) {
    let response = client
        .get(format!("{url}{path}"))
        .header("cookie", format!("__Host-prequal-desk={session}"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("sends");
    let status = response.status();
    (status, response.text().await.unwrap_or_default())
}

async fn submit(
    client: &reqwest::Client,
    url: &str,
    session: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let response = client
        .post(format!("{url}{path}"))
        .header("cookie", format!("__Host-prequal-desk={session}"))
        .header("accept-language", "en")
        .form(form)
        .send()
        .await
        .expect("sends");
    let status = response.status();
    (status, response.text().await.unwrap_or_default())
}

async fn audit_rows(store: &Store) -> Vec<Vec<Cell>> {
    store
        .query(
            "SELECT entry_id, at, institution, login, action, bundle_id, detail FROM audit_log ORDER BY at",
            &[],
        )
        .await
        .expect("reads the audit log")
}

/// The merchant's bundle to inst-005, consenting to model improvement.
fn bundle(merchant: &SecretKey) -> (String, String) {
    let mut host = Counter {
        now: now(),
        next: 7,
    };
    let mut request = request("inst-005");
    request.consent_to(Use::ModelImprovement, None, true);
    let payload = consent::build(request, &strong(), &mut host).expect("builds");
    let id = payload.bundle_id.clone();
    (id, consent::flattened(&consent::sign(payload, merchant)))
}

async fn desk(test: TestDatabase, two_processes: bool) {
    let config = config(&test.database);
    {
        let store = Store::open(&test.database).await.expect("opens");
        let at = consent::format_rfc3339(now());
        for (institution, login, role) in [
            ("inst-005", "wang.li", Role::Officer),
            ("inst-005", "zhao.viewer", Role::Viewer),
            ("inst-005", "throttled", Role::Officer),
            ("inst-007", "chen.other", Role::Officer),
        ] {
            add_staff(&store, institution, login, role, PASSWORD, &at)
                .await
                .expect("adds staff");
        }
        assert!(
            add_staff(&store, "inst-005", "short", Role::Officer, "short", &at)
                .await
                .is_err()
        );
    }
    let first = start(config.clone()).await;
    let second = if two_processes {
        Some(start(config.clone()).await)
    } else {
        None
    };
    // With two processes, the officer signs in on one and works on the other.
    let (a, b) = (
        first.url.clone(),
        second.as_ref().map_or(first.url.clone(), |s| s.url.clone()),
    );
    let client = client();
    let merchant = SecretKey::from_seed(&[21; 32]);
    let (bundle_id, envelope) = bundle(&merchant);
    let (status, receipt) = post(&client, &a, "/v1/bundles", envelope).await;
    assert_eq!(status, StatusCode::CREATED, "{receipt}");

    // No session: the desk sends the browser to sign in.
    let response = client
        .get(format!("{b}/desk/applications"))
        .send()
        .await
        .expect("sends");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/desk/sign-in");

    // A sign-in without the form's own token is refused.
    let response = client
        .post(format!("{a}/desk/sign-in"))
        .form(&[
            ("csrf", "forged"),
            ("login", "wang.li"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("sends");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // Five wrong passwords, then even the right one waits.
    for _ in 0..5 {
        assert_eq!(
            sign_in(&client, &a, "throttled", "wrong password!!").await,
            Err(StatusCode::UNAUTHORIZED)
        );
    }
    assert_eq!(
        sign_in(&client, &b, "throttled", PASSWORD).await,
        Err(StatusCode::TOO_MANY_REQUESTS)
    );
    assert_eq!(
        sign_in(&client, &a, "nobody", PASSWORD).await,
        Err(StatusCode::UNAUTHORIZED)
    );

    let officer = sign_in(&client, &a, "wang.li", PASSWORD)
        .await
        .expect("signs in");
    let other = sign_in(&client, &a, "chen.other", PASSWORD)
        .await
        .expect("signs in");
    let viewer = sign_in(&client, &a, "zhao.viewer", PASSWORD)
        .await
        .expect("signs in");

    // The list and the application, on the other process.
    let (status, list) = page(&client, &b, &officer, "/desk/applications").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        list.contains(&format!(
            "data-bundle=\"{bundle_id}\" data-status=\"received\""
        )),
        "{list}"
    );
    let (status, filtered) =
        page(&client, &b, &officer, "/desk/applications?status=declined").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!filtered.contains(&bundle_id));
    let (status, refused) = page(&client, &b, &officer, "/desk/applications?from=yesterday").await;
    assert_eq!(status, StatusCode::OK);
    assert!(refused.contains("is not a date"), "{refused}");
    let app = format!("/desk/applications/{bundle_id}");
    let (status, html) = page(&client, &b, &officer, &app).await;
    assert_eq!(status, StatusCode::OK);
    let (_, stored) = get(
        &client,
        &a,
        "token-five",
        &format!("/v1/bundles/{bundle_id}"),
    )
    .await;
    let recomputed = format!(
        "<td class=\"recomputed-score\">{}</td>",
        stored["payload"]["result"]["score"]
    );
    assert!(
        html.contains(&recomputed),
        "the score recomputed on the desk: {recomputed}"
    );
    assert!(html.contains("data-purpose=\"model-improvement\""));
    assert!(
        html.contains("data-field=\"revenue.monthly_minor\""),
        "every disclosed field"
    );
    let csrf = csrf_of(&html);

    // Another institution's officer sees nothing of it, cannot answer it or export it.
    let (status, _) = page(&client, &a, &other, &app).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, other_list) = page(&client, &a, &other, "/desk/applications").await;
    assert!(!other_list.contains(&bundle_id));
    let (_, other_page) = page(&client, &a, &other, "/desk/applications").await;
    let other_csrf = csrf_of(&other_page);
    let (status, _) = submit(
        &client,
        &a,
        &other,
        &format!("{app}/answer"),
        &[("csrf", &other_csrf), ("action", "acknowledge")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, export) = page(&client, &a, &other, "/desk/export.csv").await;
    assert!(!export.contains(&bundle_id));
    // A viewer reads but does not answer.
    let (status, viewer_page) = page(&client, &a, &viewer, &app).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!viewer_page.contains("id=\"offer\""));
    let viewer_csrf = csrf_of(&viewer_page);
    let (status, _) = submit(
        &client,
        &a,
        &viewer,
        &format!("{app}/answer"),
        &[("csrf", &viewer_csrf), ("action", "acknowledge")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // An answer without the session's token is refused and nothing is sent.
    let (status, _) = submit(
        &client,
        &b,
        &officer,
        &format!("{app}/answer"),
        &[("csrf", "forged"), ("action", "acknowledge")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The bank's own system acknowledges through the API; the desk then offers.
    let (status, acknowledged) = post_as(
        &client,
        &a,
        "token-five",
        &format!("/v1/bundles/{bundle_id}/responses"),
        serde_json::json!({"status": "acknowledged"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{acknowledged}");
    // A bad rate is refused with the field named, and what was typed comes back.
    let offer = |rate: &'static str| {
        vec![
            ("action", "offer"),
            ("product", "inst-005-credit-1"),
            ("repayment", "equal_instalment"),
            ("amount", "15万"),
            ("rate", rate),
            ("term", "12"),
            ("valid_until", "2099-01-31"),
            ("message", "欢迎到网点签约。"),
        ]
    };
    let mut form = offer("88");
    form.push(("csrf", &csrf));
    let (status, refused) = submit(&client, &b, &officer, &format!("{app}/answer"), &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("Rate: a yearly percentage"), "{refused}");
    assert!(
        refused.contains("value=\"15万\"") && refused.contains("欢迎到网点签约。"),
        "the typed offer is kept"
    );
    let mut form = offer("8.8");
    form.push(("csrf", &csrf));
    let (status, _) = submit(&client, &b, &officer, &format!("{app}/answer"), &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // The merchant's side: the desk's offer is the institution's signed answer, priced by the
    // core, and reads back through the API the merchant's device uses.
    let (status, answers) = get(
        &client,
        &a,
        "token-five",
        &format!("/v1/bundles/{bundle_id}/responses"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let envelope = answers["responses"][1]["envelope"]
        .as_str()
        .expect("the desk's answer, after the API's");
    let institution = institution("inst-005");
    let answer =
        prequal::response::verify(envelope, institution).expect("signed by inst-005's key");
    let offered = answer.offer.expect("an offer");
    assert_eq!(offered.terms.principal_minor, 15_000_000);
    assert_eq!(offered.terms.annual_rate_bp, 880);
    assert!(offered.recomputes());
    let (_, html) = page(&client, &b, &officer, &app).await;
    assert!(html.contains("data-status=\"offer\""));
    assert!(html.contains("Repayment schedule"));

    // The outcome, then the exports.
    let (status, _) = submit(
        &client,
        &a,
        &officer,
        &format!("{app}/outcome"),
        &[("csrf", &csrf), ("outcome", "repaid")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, export) = page(&client, &b, &officer, "/desk/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(export.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().expect("header").clone();
    let row = reader.records().next().expect("a row").expect("a record");
    let cell = |name: &str| {
        row.get(header.iter().position(|h| h == name).expect(name))
            .expect(name)
            .to_owned()
    };
    assert_eq!(cell("bundle_id"), bundle_id);
    assert_eq!(cell("status"), "offer");
    assert_eq!(cell("outcome"), "repaid");
    assert_eq!(cell("business.name"), strong().profile().business.name);
    let (status, training) = page(&client, &b, &officer, "/desk/outcomes.csv").await;
    assert_eq!(status, StatusCode::OK);
    let trained = read_training(&training);
    assert_eq!(trained.len(), 1, "the consenting bundle with an outcome");
    assert_eq!(trained[0].0, bundle_id);
    assert_eq!(trained[0].1, "repaid");

    // The merchant revokes: the desk shows it, with the actions disabled and refused.
    let revocation = consent::revoke(&bundle_id, now(), &merchant);
    let (status, _) = post(&client, &a, "/v1/revocations", revocation).await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = page(&client, &b, &officer, &app).await;
    assert!(html.contains("data-status=\"revoked\""));
    assert!(
        html.contains("<fieldset class=\"actions\" disabled"),
        "actions disabled"
    );
    let (status, refused) = submit(
        &client,
        &b,
        &officer,
        &format!("{app}/answer"),
        &[("csrf", &csrf), ("action", "acknowledge")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("revoked"));
    let (_, export) = page(&client, &b, &officer, "/desk/export.csv").await;
    assert!(
        export.contains("withheld: consent revoked")
            && !export.contains(&strong().profile().business.name)
    );
    let (_, training) = page(&client, &b, &officer, "/desk/outcomes.csv").await;
    assert!(
        read_training(&training).is_empty(),
        "a revoked bundle is not trained on"
    );

    // The audit log: every view and action, and nothing on the desk changes it.
    let store = Store::open(&test.database).await.expect("opens");
    let before = audit_rows(&store).await;
    let actions: Vec<&str> = before.iter().filter_map(|row| row[4].text()).collect();
    for action in [
        "sign_in",
        "list",
        "view",
        "answer",
        "outcome",
        "export",
        "export_outcomes",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(before
        .iter()
        .all(|row| row[2].text() == Some("inst-005") || row[2].text() == Some("inst-007")));
    for method in [
        reqwest::Method::POST,
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
        reqwest::Method::PATCH,
    ] {
        let response = client
            .request(method.clone(), format!("{a}/desk/audit"))
            .header("cookie", format!("__Host-prequal-desk={officer}"))
            .send()
            .await
            .expect("sends");
        assert_eq!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} /desk/audit"
        );
    }
    let (status, log) = page(&client, &b, &officer, "/desk/audit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(log.contains("data-action=\"answer\""));
    let after = audit_rows(&store).await;
    assert_eq!(
        &after[..before.len()],
        &before[..],
        "entries are only added"
    );

    // Sessions end: signing out, and past the session's end.
    let (_, list) = page(&client, &a, &officer, "/desk/applications").await;
    let (status, _) = submit(
        &client,
        &a,
        &officer,
        "/desk/sign-out",
        &[("csrf", &csrf_of(&list))],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = page(&client, &b, &officer, "/desk/applications").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signed out everywhere");
    store
        .execute(vec![Statement::new(
            "UPDATE desk_sessions SET expires_at = $1",
            vec![consent::format_rfc3339(now() - 1).into()],
        )])
        .await
        .expect("ages the sessions");
    let (status, _) = page(&client, &b, &other, "/desk/applications").await;
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "an ended session signs nobody in"
    );

    for server in [Some(first), second].into_iter().flatten() {
        let _ = server.stop.send(());
        let _ = server.done.await;
    }
}

/// The training export's rows as (application, outcome), each read back as a profile the way
/// `prequal model train` reads the bulk format.
fn read_training(csv_text: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header.first().map(String::as_str), Some("application"));
    assert_eq!(header.last().map(String::as_str), Some("outcome"));
    let map = prequal::profile::columns::ColumnMap {
        id_column: Some("application".into()),
        ..Default::default()
    };
    reader
        .records()
        .map(|record| {
            let record = record.expect("a record");
            let cells: Vec<(&str, &str)> = header
                .iter()
                .map(String::as_str)
                .zip(record.iter())
                .filter(|(_, value)| !value.is_empty())
                .collect();
            let (fields, _) = map.row(cells);
            prequal::profile::text_form::check_text_fields(&fields)
                .expect("a profile the trainer can read");
            let withheld = &record[header.len() - 2];
            assert!(
                withheld.contains("guarantor"),
                "the withheld fields are named: {withheld}"
            );
            assert!(!withheld.contains("business.name"));
            (record[0].to_owned(), record[header.len() - 1].to_owned())
        })
        .collect()
}

/// Behind a load balancer every connection comes from it: the address sign-ins are throttled by
/// is the one it forwards, and only a configured proxy is believed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_ins_are_throttled_by_the_forwarded_address_behind_a_trusted_proxy() {
    let test = sqlite();
    let config = prequal_inbox::Config {
        trusted_proxies: vec!["127.0.0.1".parse().expect("address")],
        ..config(&test.database)
    };
    {
        let store = Store::open(&test.database).await.expect("opens");
        let at = consent::format_rfc3339(now());
        add_staff(&store, "inst-005", "wang.li", Role::Officer, PASSWORD, &at)
            .await
            .expect("adds staff");
    }
    let server = start(config).await;
    let client = client();
    let attempt = |login: String, password: &'static str, from: &'static str| {
        let (client, url) = (client.clone(), server.url.clone());
        async move {
            let form = client
                .get(format!("{url}/desk/sign-in"))
                .send()
                .await
                .expect("sends");
            let (_, token) = cookies(&form)
                .into_iter()
                .find(|(name, _)| name == "__Host-prequal-desk-sign-in")
                .expect("token");
            client
                .post(format!("{url}/desk/sign-in"))
                .header("cookie", format!("__Host-prequal-desk-sign-in={token}"))
                .header("x-forwarded-for", format!("203.0.113.9, {from}"))
                .form(&[
                    ("csrf", token.as_str()),
                    ("login", login.as_str()),
                    ("password", password),
                ])
                .send()
                .await
                .expect("sends")
                .status()
        }
    };
    // Twenty wrong guesses at twenty logins from one address: that address now waits…
    for i in 0..20 {
        assert_eq!(
            attempt(format!("guess{i}"), "wrong password!!", "10.0.0.1").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        attempt("wang.li".into(), PASSWORD, "10.0.0.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // …and the officer at another address signs in.
    assert_eq!(
        attempt("wang.li".into(), PASSWORD, "10.0.0.2").await,
        StatusCode::SEE_OTHER
    );
    let _ = server.stop.send(());
    let _ = server.done.await;
}
