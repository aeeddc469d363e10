//! The presenter channel: who may move the slides, and what followers receive.

use serde_json::json;
use std::time::Duration;

use super::Server;

#[test]
fn the_presenter_moves_and_followers_follow_without_notes() {
    let server = Server::small();
    let mut follower = server.socket(None);
    assert_eq!(follower.welcome["role"], "follower");
    let mut presenter = server.presenter_socket();
    assert_eq!(presenter.welcome["role"], "presenter");
    presenter.send(json!({ "type": "goto", "id": "intro-2", "f": 1 }));
    let moved = follower.expect_type("position");
    assert_eq!(
        (moved["id"].as_str(), moved["f"].as_u64()),
        (Some("intro-2"), Some(1))
    );
    assert!(
        moved.get("slide").is_none(),
        "followers get no slide details: {moved}"
    );
    assert!(!moved.to_string().contains(&server.token));
    // Presenters get the slide's details, for the phone remote.
    let echoed = presenter.expect_type("position");
    assert_eq!(echoed["slide"]["number"], "1.2");
}

#[test]
fn a_follower_cannot_move_anyone() {
    let server = Server::small();
    let mut other = server.socket(None);
    let mut intruder = server.socket(None);
    intruder.send(json!({ "type": "goto", "id": "intro-3", "f": 0 }));
    assert_eq!(intruder.expect_type("rejected")["type"], "rejected");
    while let Some(message) = other.next_within(Duration::from_millis(500)) {
        assert_ne!(
            message["type"], "position",
            "a follower moved the others: {message}"
        );
    }
    server.wait_for("the rejection in the log", || {
        server.stderr().contains("rejected a control message")
    });
    intruder.send(json!({ "type": "nav", "dir": "next" }));
    intruder.expect_type("rejected");
}

#[test]
fn a_wrong_or_missing_token_gets_no_control() {
    let server = Server::small();
    let mut wrong = server.socket(Some("deckhand_presenter=0123456789abcdef"));
    assert_eq!(wrong.welcome["role"], "follower");
    wrong.send(json!({ "type": "goto", "id": "intro-2", "token": "not-the-token" }));
    wrong.expect_type("rejected");
    let (status, body) = server.get("/__deckhand/presenter?token=0123456789abcdef");
    assert_eq!(status, 403);
    assert!(!body.contains(&server.token));
    assert_eq!(server.get("/__deckhand/presenter").0, 403);
    assert_eq!(
        server.get("/__deckhand/remote").0,
        403,
        "the remote needs the presenter cookie"
    );
    // The token itself works, in the link or in a message from a client without the cookie.
    let (status, _) = server.get(&format!("/__deckhand/presenter?token={}", server.token));
    assert_eq!(status, 303);
    let mut remote = server.socket(None);
    remote.send(json!({ "type": "goto", "id": "intro-3", "token": server.token }));
    assert_eq!(remote.expect_type("position")["id"], "intro-3");
}

#[test]
fn the_presenter_link_sets_a_cookie_scripts_cannot_read() {
    let server = Server::small();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .get(&format!(
            "{}/__deckhand/presenter?token={}&to=speaker",
            server.base, server.token
        ))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/speaker.html");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
}

#[test]
fn followers_never_receive_notes() {
    let server = Server::small();
    let (_, public) = server.get("/print-deck.html");
    assert!(
        !public.contains("Say hello"),
        "a follower's deck carries a note"
    );
    assert!(!server.get("/handout.html").1.contains("Say hello"));
    let (_, presenter) = server.get_as_presenter("/print-deck.html");
    assert!(
        presenter.contains("Say hello"),
        "the presenter's deck has the notes"
    );
}

#[test]
fn late_joiners_start_at_the_presenters_slide() {
    let server = Server::small();
    let mut presenter = server.presenter_socket();
    presenter.send(json!({ "type": "goto", "id": "intro-3", "f": 0 }));
    presenter.expect_type("position");
    let late = server.socket(None);
    assert_eq!(late.welcome["position"]["id"], "intro-3");
}

#[test]
fn two_hundred_followers_stay_in_sync() {
    let server = Server::small();
    let mut followers: Vec<_> = (0..200).map(|_| server.socket(None)).collect();
    let mut presenter = server.presenter_socket();
    let stops = ["intro-2", "intro-3", "next-1", "intro-1", "next-1"];
    for id in stops {
        presenter.send(json!({ "type": "goto", "id": id, "f": 0 }));
    }
    for (n, follower) in followers.iter_mut().enumerate() {
        let mut seen = Vec::new();
        while seen.len() < stops.len() {
            let message = follower.expect_type("position");
            seen.push(message["id"].as_str().unwrap().to_string());
        }
        assert_eq!(seen, stops, "follower {n} saw the moves out of order");
    }
}
