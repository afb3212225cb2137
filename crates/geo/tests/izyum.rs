//! The example article (fixtures/sky-2022-09-16-izyum) on the embedded
//! gazetteer: every place a careful reader finds, resolved. Runs offline.

use newsgraph_doc::Place;
use newsgraph_geo::Geoparser;

const ARTICLE: &str = include_str!("../../../fixtures/sky-2022-09-16-izyum/input.txt");

fn places() -> Vec<Place> {
    Geoparser::embedded().parse_text(ARTICLE)
}

fn named<'a>(places: &'a [Place], surface: &str) -> Vec<&'a Place> {
    places
        .iter()
        .filter(|p| &ARTICLE[p.span.start..p.span.end] == surface)
        .collect()
}

fn assert_at(p: &Place, lat: f64, lon: f64) {
    let g = p.resolved.as_ref().expect("resolved");
    assert!(
        (g.lat - lat).abs() < 0.05 && (g.lon - lon).abs() < 0.05,
        "{} at {},{} not {lat},{lon}",
        g.name,
        g.lat,
        g.lon
    );
}

#[test]
fn countries_are_found_and_resolved() {
    let ps = places();
    for (name, code) in [("Russia", "RU"), ("Ukraine", "UA")] {
        let found = named(&ps, name);
        assert!(!found.is_empty(), "{name} not found");
        for p in found {
            let g = p.resolved.as_ref().unwrap();
            assert_eq!(
                (g.feature_code.as_str(), g.country.as_str()),
                ("PCLI", code)
            );
        }
    }
}

#[test]
fn moscow_is_the_capital_and_stands_for_the_government() {
    let ps = places();
    let moscow = named(&ps, "Moscow");
    assert_eq!(moscow.len(), 1);
    assert_at(moscow[0], 55.75, 37.62);
    assert!(
        moscow[0].metonymy,
        "“Moscow was doing all it could” is metonymy"
    );
}

#[test]
fn izyum_is_geonames_izium_three_times_in_the_body() {
    let ps = places();
    let izyum = named(&ps, "Izyum");
    // three body mentions plus one in the promo line (dropped by the stage
    // when the boilerplate layer is set)
    assert_eq!(izyum.len(), 4);
    for p in izyum {
        assert_at(p, 49.21, 37.28);
        assert_eq!(p.resolved.as_ref().unwrap().name, "Izium");
    }
}

#[test]
fn kharkiv_is_the_city_not_the_oblast() {
    let ps = places();
    let kharkiv = named(&ps, "Kharkiv");
    assert_eq!(kharkiv.len(), 2);
    for p in kharkiv {
        assert_at(p, 49.98, 36.25);
        assert!(p.resolved.as_ref().unwrap().feature_code.starts_with("PPL"));
    }
    assert_at(named(&ps, "Kherson")[0], 46.64, 32.61);
}

#[test]
fn samarkand_is_in_uzbekistan() {
    let ps = places();
    let s = named(&ps, "Samarkand");
    assert_eq!(s.len(), 1);
    assert_at(s[0], 39.65, 66.96);
    assert_eq!(s[0].resolved.as_ref().unwrap().country, "UZ");
}

#[test]
fn the_north_east_is_a_part_of_ukraine() {
    let ps = places();
    let ne = named(&ps, "the north east");
    assert_eq!(ne.len(), 1);
    assert_eq!(ne[0].relative.as_deref(), Some("north east"));
    assert_eq!(ne[0].resolved.as_ref().unwrap().country, "UA");
}

#[test]
fn people_and_demonyms_are_not_places() {
    let ps = places();
    for word in [
        "Vladimir",
        "Putin",
        "Modi",
        "Russian",
        "Uzbek",
        "Indian",
        "Zelenskyy",
        "Telegram",
    ] {
        assert!(named(&ps, word).is_empty(), "{word} taken for a place");
    }
}
