//! One test per recognition and resolution rule (crates/geo/src/tables.rs),
//! on the embedded gazetteer. Runs offline.

use newsgraph_doc::{EntityLabel, EntityLayer, Mention, MentionKind, Place, Span};
use newsgraph_geo::tables::Weights;
use newsgraph_geo::{rank, scan, Geoparser};

fn parse(text: &str) -> Vec<(String, Place)> {
    Geoparser::embedded()
        .parse_text(text)
        .into_iter()
        .map(|p| (text[p.span.start..p.span.end].to_string(), p))
        .collect()
}

fn surfaces(text: &str) -> Vec<String> {
    parse(text).into_iter().map(|(s, _)| s).collect()
}

fn find(text: &str, surface: &str) -> Place {
    parse(text)
        .into_iter()
        .find(|(s, _)| s == surface)
        .unwrap_or_else(|| panic!("{surface:?} not found in {text:?}"))
        .1
}

fn code_country_admin1(p: &Place) -> (String, String, Option<String>) {
    let g = p.resolved.as_ref().expect("resolved");
    (g.feature_code.clone(), g.country.clone(), g.admin1.clone())
}

#[test]
fn izyum_finds_geonames_izium_through_alternate_names() {
    let p = find("Fighting continued near Izyum on Monday.", "Izyum");
    let g = p.resolved.unwrap();
    assert_eq!((g.geonames_id, g.name.as_str()), (707292, "Izium"));
}

#[test]
fn state_abbreviation_after_a_comma_is_the_state_and_qualifies_the_town() {
    let text = "The fire started in Louisville, Ky., on Monday.";
    let ky = find(text, "Ky.");
    assert_eq!(
        code_country_admin1(&ky),
        ("ADM1".into(), "US".into(), Some("KY".into()))
    );
    let louisville = find(text, "Louisville");
    assert_eq!(code_country_admin1(&louisville).2.as_deref(), Some("KY"));
}

#[test]
fn postal_code_after_a_comma_is_the_state() {
    let p = find("She moved to Vancouver, WA last year.", "WA");
    assert_eq!(code_country_admin1(&p).2.as_deref(), Some("WA"));
    let v = find("She moved to Vancouver, WA last year.", "Vancouver");
    assert_eq!(code_country_admin1(&v).1, "US");
}

#[test]
fn qualifier_picks_the_namesake_in_the_named_state() {
    let p = find("The rodeo in Paris, Texas drew thousands.", "Paris");
    assert_eq!(code_country_admin1(&p).2.as_deref(), Some("TX"));
}

#[test]
fn city_over_same_named_region_unless_a_division_word_follows() {
    let city = find("Shelling hit Kharkiv overnight.", "Kharkiv");
    assert!(code_country_admin1(&city).0.starts_with("PPL"));
    let oblast = find("Shelling hit Kharkiv Oblast overnight.", "Kharkiv Oblast");
    assert_eq!(code_country_admin1(&oblast).0, "ADM1");
    let region = find("Villages in the Kharkiv region were retaken.", "Kharkiv");
    assert_eq!(code_country_admin1(&region).0, "ADM1");
}

#[test]
fn demonym_before_city_of_gives_the_country() {
    let p = find("He spoke in the Uzbek city of Samarkand.", "Samarkand");
    assert_eq!(code_country_admin1(&p).1, "UZ");
    assert!(surfaces("He spoke in the Uzbek city of Samarkand.")
        .iter()
        .all(|s| s != "Uzbek"));
}

#[test]
fn capital_or_country_before_a_speech_verb_is_metonymy() {
    assert!(find("Beijing said the talks had failed.", "Beijing").metonymy);
    assert!(!find("Officials in Beijing said the talks had failed.", "Beijing").metonymy);
    assert!(!find("Beijing is a large city.", "Beijing").metonymy);
}

#[test]
fn titles_make_people_not_places() {
    assert!(surfaces("President Lincoln said it.").is_empty());
    assert!(surfaces("Gov. Jackson signed the bill.").is_empty());
}

#[test]
fn person_like_names_need_a_place_cue() {
    assert!(surfaces("Washington said no.").is_empty());
    assert_eq!(
        surfaces("He flew to Washington on Friday."),
        vec!["Washington"]
    );
}

#[test]
fn common_words_need_a_place_cue() {
    assert!(surfaces("Reading is good for children.").is_empty());
    assert_eq!(
        surfaces("He grew up in Reading and London."),
        vec!["Reading", "London"]
    );
}

#[test]
fn streets_buildings_rivers_and_currencies_are_not_towns() {
    assert!(surfaces("The fire was at 6016 Dublin Road.").is_empty());
    assert!(surfaces("The River Severn burst its banks.").is_empty());
    assert!(surfaces("It cost US$10 million.").is_empty());
    assert!(surfaces("A spokesman at the White House declined.").is_empty());
}

#[test]
fn a_name_inside_a_longer_capitalised_name_is_not_a_place_without_ner() {
    assert!(surfaces("Vladimir Putin spoke.").is_empty());
}

#[test]
fn abbreviations_keep_their_dots_and_capital_codes_are_not_pronouns() {
    assert_eq!(surfaces("Troops left the U.S. base."), vec!["U.S."]);
    assert_eq!(surfaces("They told us the US would help."), vec!["US"]);
}

#[test]
fn relative_region_takes_the_articles_country() {
    let text =
        "Fighting in Ukraine spread. Troops were routed in the north east with heavy losses.";
    let ne = find(text, "the north east");
    assert_eq!(ne.relative.as_deref(), Some("north east"));
    assert_eq!(ne.resolved.unwrap().country, "UA");
    // "the North Sea" and "the south of France" are not relative places
    assert!(surfaces("Oil from the North Sea.")
        .iter()
        .all(|s| !s.starts_with("the")));
}

#[test]
fn entities_add_loc_mentions_and_veto_people() {
    let text = "Jones met Smith in Fairfax.";
    let toks = scan(text);
    let mention = |s: usize, e: usize, label| Mention {
        span: Span::new(s, e),
        label,
        kind: MentionKind::Name,
        entity: None,
        score: None,
    };
    let layer = EntityLayer {
        mentions: vec![
            mention(0, 5, EntityLabel::Person),
            mention(10, 15, EntityLabel::Person),
            mention(19, 26, EntityLabel::Location),
        ],
        entities: Vec::new(),
    };
    let places = Geoparser::embedded().parse(text, &toks, Some(&layer));
    let names: Vec<&str> = places
        .iter()
        .map(|p| &text[p.span.start..p.span.end])
        .collect();
    assert_eq!(names, vec!["Fairfax"]);
    assert!(places[0].mention.is_some());
}

#[test]
fn resolution_only_takes_an_abbreviation_without_its_final_dot() {
    let text = "He lives in Fresno, Calif. and works there.";
    let places = Geoparser::embedded().resolve_spans(text, &[Span::new(20, 25)]);
    let g = places[0].resolved.as_ref().expect("resolved");
    assert_eq!(
        (g.feature_code.as_str(), g.admin1.as_deref()),
        ("ADM1", Some("CA"))
    );
}

#[test]
fn resolution_only_resolves_given_spans_including_demonyms_and_abbreviations() {
    let text = "Georgian troops left Tskhinvali. Later, in Charleston, S.C., officials met.";
    let spans = [Span::new(0, 8), Span::new(55, 59)];
    let places = Geoparser::embedded().resolve_spans(text, &spans);
    assert_eq!(places.len(), 2);
    assert_eq!(places[0].resolved.as_ref().unwrap().country, "GE");
    assert_eq!(
        places[1].resolved.as_ref().unwrap().admin1.as_deref(),
        Some("SC")
    );
}

#[test]
fn messy_text_never_panics_and_spans_slice() {
    for text in [
        "",
        "   ",
        "Zelenskyy’s Kyiv—Kharkiv’s “Izyum”…",
        "ÉÉÉ , , , Ky. WA N.Y.",
        "the north east",
        "St. . . Louis, , Mo.",
        "\u{feff}Paris\u{200b}London",
    ] {
        for p in Geoparser::embedded().parse_text(text) {
            assert!(
                text.get(p.span.start..p.span.end).is_some(),
                "{text:?} {:?}",
                p.span
            );
        }
    }
}

#[test]
fn weights_override_by_name() {
    let mut w = Weights::DEFAULT;
    w.set("population=0.1, distance=2").unwrap();
    assert_eq!((w.population, w.distance), (0.1, 2.0));
    assert!(w.set("nonsense=1").is_err());
    assert!(w.set("population").is_err());
}

#[test]
fn is_a_town_in_names_the_container() {
    let text = "Salem is a town in New London County, Connecticut.";
    let salem = find(text, "Salem");
    assert_eq!(code_country_admin1(&salem).2.as_deref(), Some("CT"));
}

#[test]
fn names_near_each_other_support_their_namesakes_in_one_place() {
    // Paris (Tennessee) is the seat of Henry County (Tennessee): spatial
    // support picks the pair over Paris, France.
    let text = "Officers in Paris arrested a man on Monday. The Henry County sheriff said the man was held.";
    let p = find(text, "Paris");
    assert_eq!(code_country_admin1(&p).1, "US");
    assert_eq!(code_country_admin1(&p).2.as_deref(), Some("TN"));
    let without = Geoparser::new(Geoparser::embedded().gazetteer()).with_weights(Weights {
        support: 0.0,
        passes: 1.0,
        ranker: 0.0,
        ..Weights::DEFAULT
    });
    let alone = without.parse_text(text);
    let paris = alone
        .iter()
        .find(|p| &text[p.span.start..p.span.end] == "Paris");
    assert_ne!(
        paris
            .and_then(|p| p.resolved.as_ref())
            .map(|g| g.admin1.clone()),
        Some(Some("TN".to_string())),
        "without support the test would not show the rule"
    );
}

#[test]
fn small_places_before_another_capitalised_word_are_part_of_a_longer_name() {
    // Harold (Florida), Tanya (Mexico) are villages; here they are people.
    let text = "Harold Patterson spoke on Monday. Police found a car near Tanya Rodriguez's house.";
    let toks = scan(text);
    let layer = EntityLayer {
        mentions: Vec::new(),
        entities: Vec::new(),
    };
    for places in [
        Geoparser::embedded().parse_text(text),
        Geoparser::embedded().parse(text, &toks, Some(&layer)),
    ] {
        let names: Vec<&str> = places
            .iter()
            .map(|p| &text[p.span.start..p.span.end])
            .collect();
        assert!(
            !names.contains(&"Harold") && !names.contains(&"Tanya"),
            "{names:?}"
        );
    }
}

#[test]
fn division_codes_in_capitals_stand_alone() {
    let p = find("Horse movements were banned in NSW on Monday.", "NSW");
    let (code, country, _) = code_country_admin1(&p);
    assert_eq!((code.as_str(), country.as_str()), ("ADM1", "AU"));
    assert!(!surfaces("Nsw is not a code.").contains(&"Nsw".to_string()));
}

#[test]
fn newspapers_and_pathogens_are_not_places_even_with_entities() {
    for text in [
        "Mr. Kemp told the New York Times on Monday.",
        "Workers were infected with the Reston ebolavirus last year.",
        "The Marburg virus is related to Ebola.",
    ] {
        let s = surfaces(text);
        assert!(
            !s.iter()
                .any(|x| x == "New York" || x == "Reston" || x == "Marburg"),
            "{text:?}: {s:?}"
        );
    }
    // the tagger's word does not bring them back
    let text = "Mr. Kemp told the New York Times on Monday.";
    let toks = scan(text);
    assert_eq!(&text[18..26], "New York");
    let layer = EntityLayer {
        mentions: vec![Mention {
            span: Span::new(18, 26),
            label: EntityLabel::Location,
            kind: MentionKind::Name,
            entity: None,
            score: None,
        }],
        entities: Vec::new(),
    };
    let places = Geoparser::embedded().parse(text, &toks, Some(&layer));
    assert!(places.is_empty(), "{places:?}");
    // "New York" alone is still a place
    assert_eq!(surfaces("She moved to New York in May."), vec!["New York"]);
}

#[test]
fn hyphenated_home_towns_and_country_pairs_are_places() {
    let text = "Rep. Torrey Westrom, R-Minneapolis, spoke to an Albany-based group about Egyptian-US relations.";
    let s = surfaces(text);
    for want in ["Minneapolis", "Albany", "US"] {
        assert!(s.iter().any(|x| x == want), "{want} not in {s:?}");
    }
    assert!(!s.iter().any(|x| x == "Egyptian"), "{s:?}");
}

#[test]
fn names_in_a_list_closed_by_counties_are_counties() {
    let text = "Fires burned in Barrow, Jackson and Madison counties in Georgia on Monday.";
    for name in ["Barrow", "Jackson", "Madison"] {
        let p = find(text, name);
        assert_eq!(
            code_country_admin1(&p),
            ("ADM2".into(), "US".into(), Some("GA".into())),
            "{name}"
        );
    }
}

#[test]
fn a_county_named_without_its_suffix_needs_a_place_cue() {
    // "Gwinnett" only names Gwinnett County (an alternate name without "County").
    let p = find("Schools in Gwinnett reopened on Monday.", "Gwinnett");
    assert_eq!(
        code_country_admin1(&p),
        ("ADM2".into(), "US".into(), Some("GA".into()))
    );
    assert!(
        !surfaces("Gwinnett said the schools would reopen.").contains(&"Gwinnett".to_string()),
        "no cue: a surname as likely as the county"
    );
}

#[test]
fn a_tarrant_county_of_its_own() {
    // Counties sharing a GeoNames id were dropped before: Tarrant County
    // lost its id to a neighbour.
    let p = find(
        "Cases were reported throughout Tarrant County.",
        "Tarrant County",
    );
    let g = p.resolved.expect("resolved");
    assert_eq!(
        (g.feature_code.as_str(), g.admin1.as_deref()),
        ("ADM2", Some("TX"))
    );
    assert!(
        (g.lat - 32.8).abs() < 0.5 && (g.lon + 97.3).abs() < 0.5,
        "{g:?}"
    );
}

#[test]
fn a_given_span_inside_a_hyphened_token_reads_no_cue_after_the_token() {
    // "Paris-Henry County": the county word follows "Paris-Henry", not "Paris".
    let text = "Paris and Henry County are rich in history. The Paris-Henry County \
                Heritage Center opened in Paris, Tenn., on Monday.";
    let spans: Vec<Span> = text
        .match_indices("Paris")
        .map(|(i, _)| Span::new(i, i + 5))
        .collect();
    let places = Geoparser::embedded().resolve_spans(text, &spans);
    assert_eq!(places.len(), 3);
    for p in &places {
        let g = p.resolved.as_ref().expect("resolved");
        assert_eq!(
            (g.feature_code.as_str(), g.country.as_str()),
            ("PPLA2", "US"),
            "{g:?}"
        );
    }
}

#[test]
fn state_abbreviations_after_a_party_letter_or_in_their_dotted_forms() {
    let text = "Rep. James Clyburn, D-S.C., spoke. Sen. Byron Dorgan, D-N.D., agreed. \
                S.C. House members met, and Mass. legislators put off the debate.";
    let got: Vec<(String, Option<String>)> = parse(text)
        .into_iter()
        .map(|(s, p)| (s, p.resolved.and_then(|g| g.admin1)))
        .collect();
    for (surface, code) in [("S.C.", "SC"), ("N.D.", "ND"), ("Mass.", "MA")] {
        assert!(
            got.contains(&(surface.to_string(), Some(code.to_string()))),
            "{surface}: {got:?}"
        );
    }
    assert_eq!(
        got.iter().filter(|(s, _)| s == "S.C.").count(),
        2,
        "{got:?}"
    );
    // "Pa." and "Miss." alone stay words and titles
    let s = surfaces("Miss. Smith met Pa. Jones.");
    assert!(!s.iter().any(|x| x == "Miss." || x == "Pa."), "{s:?}");
}

#[test]
fn a_premodifier_does_not_hide_the_place() {
    assert_eq!(
        surfaces("The fair drew visitors from Western Pennsylvania on Monday."),
        vec!["Pennsylvania"]
    );
    // before a continent it names a region of its own
    assert!(surfaces("The virus may reach Northern Europe in spring.").is_empty());
}

#[test]
fn a_division_cue_on_one_mention_does_not_make_the_bare_name_a_division() {
    // "the Lancaster District School" is another name than "Lancaster"
    let text = "Lancaster is a town in Erie County, New York. The town of Lancaster \
                was formed in 1833. The Lancaster District School opened in 1850.";
    let l = find(text, "Lancaster");
    assert_eq!(
        code_country_admin1(&l),
        ("PPL".into(), "US".into(), Some("NY".into()))
    );
}

#[test]
fn state_after_a_name_is_the_first_order_division() {
    let text = "The governor of New York state declared a disaster. \
                Officials in New York state said the roads were closed.";
    let p = find(text, "New York");
    assert_eq!(
        code_country_admin1(&p),
        ("ADM1".into(), "US".into(), Some("NY".into()))
    );
}

#[test]
fn a_language_name_is_no_place() {
    assert!(surfaces("Students forget what they learnt in English class.").is_empty());
    assert!(surfaces("The sign is written in English and Welsh.").is_empty());
}

#[test]
fn abbreviated_words_of_a_name_are_spelt_out_before_lookup() {
    let gaz = Geoparser::embedded().gazetteer();
    let full = newsgraph_geo::resolve::candidate_places(gaz, "mount pleasant");
    assert!(full.len() > 4, "{}", full.len());
    assert_eq!(
        newsgraph_geo::resolve::candidate_places(gaz, "mt pleasant"),
        full
    );
    assert_eq!(
        newsgraph_geo::resolve::candidate_places(gaz, "platte co"),
        newsgraph_geo::resolve::candidate_places(gaz, "platte county")
    );
}

#[test]
fn a_local_institution_after_a_name_keeps_a_foreign_capital_out() {
    // local news: "Paris police" in a story that names Texas is Paris, Texas
    let text = "A fire damaged an apartment on Monday. Paris police said no one \
                was hurt. The victim was taken to a hospital in Dallas, Texas.";
    let p = find(text, "Paris");
    assert_eq!(code_country_admin1(&p).1, "US");
}

#[test]
fn a_common_word_after_an_institutions_of_or_before_a_year_is_no_place() {
    let s = surfaces("He was indicted by the Department of Justice in Washington.");
    assert!(!s.iter().any(|x| x == "Justice"), "{s:?}");
    let s = surfaces("Two children fell ill in Spring 2002 near the school.");
    assert!(!s.iter().any(|x| x == "Spring"), "{s:?}");
}

#[test]
fn a_news_agency_is_no_place() {
    let s = surfaces("According to Xinhua, 20 people died in Beijing.");
    assert_eq!(s, vec!["Beijing"]);
}

#[test]
fn the_division_after_a_countrys_state_of_contains_the_place() {
    let text = "Jefferson County is a county located in the U.S. state of Georgia. \
                The county seat is Louisville.";
    let p = find(text, "Jefferson County");
    assert_eq!(
        code_country_admin1(&p),
        ("ADM2".into(), "US".into(), Some("GA".into()))
    );
}

#[test]
fn a_names_first_qualifier_speaks_for_it_and_measures_how_far_each_namesake_lies() {
    // Sharon, New Hampshire is too small for the gazetteer; the later
    // "Sharon, Connecticut" is the namesake it was named after. Only the
    // first qualifier counts: Connecticut's Sharon gets no "qualifier"
    // feature, and Massachusetts' Sharon (near Hillsborough County, NH)
    // lies nearer the first qualifier than Connecticut's.
    let text = "Sharon is a town in Hillsborough County, New Hampshire, United States. \
                It was incorporated as Sharon. It took its name from Sharon, Connecticut, \
                from which many settlers originated.";
    let spans: Vec<Span> = [
        "Sharon",
        "Hillsborough County",
        "New Hampshire",
        "United States",
        "Connecticut",
    ]
    .iter()
    .flat_map(|n| {
        text.match_indices(n)
            .map(|(i, _)| Span::new(i, i + n.len()))
    })
    .collect();
    let mut spans = spans;
    spans.sort_by_key(|s| (s.start, s.end));
    let parser = Geoparser::embedded();
    let gaz = parser.gazetteer();
    let groups = parser.rank_groups(text, &spans);
    let (_, cands) = groups
        .iter()
        .find(|(given, _)| &text[given[0].start..given[0].end] == "Sharon")
        .expect("Sharon's group");
    let (q, km) = (rank::index("qualifier"), rank::index("qualifier_km"));
    let of = |admin1: &str| {
        cands
            .iter()
            .find(|(p, _)| gaz.place(*p).admin1 == admin1 && gaz.place(*p).country_str() == "US")
            .unwrap_or_else(|| panic!("a Sharon in {admin1}"))
            .1
    };
    let (ct, ma) = (of("CT"), of("MA"));
    assert_eq!(ct[q], 0.0, "the namesake's qualifier is not the name's");
    assert!(
        ma[km] > 0.0 && ma[km] < ct[km],
        "MA {} CT {}",
        ma[km],
        ct[km]
    );
}

#[test]
fn an_english_county_named_alone_is_the_county_not_its_american_namesake() {
    // Divisions without codes carry the population of the places within
    // their reach, so Lincolnshire no longer loses to Lincolnshire, Illinois
    // on size alone; a qualifier still picks the namesake.
    let p = find(
        "Police in Lincolnshire said a man from Grantham had been arrested.",
        "Lincolnshire",
    );
    assert_eq!(
        code_country_admin1(&p),
        ("ADM2".to_string(), "GB".to_string(), None)
    );
    let p = find(
        "The mayor of Lincolnshire, Illinois said the village would vote.",
        "Lincolnshire",
    );
    assert_eq!(code_country_admin1(&p).1, "US");
}

#[test]
fn a_place_on_an_island_or_an_edge_is_qualified_by_it() {
    use newsgraph_geo::recognize::{link_qualifiers, Toponym};
    let text = "Weston is a village in Tophill on the Isle of Portland. \
                Bay Ridge is a neighborhood on the edge of Brooklyn. \
                Smith went on to Bristol.";
    let at = |name: &str| {
        let i = text.find(name).expect("in text");
        Toponym::new(Span::new(i, i + name.len()), name.to_lowercase())
    };
    let mut tops = vec![
        at("Weston"),
        at("Isle of Portland"),
        at("Bay Ridge"),
        at("Brooklyn"),
        at("Bristol"),
    ];
    link_qualifiers(text, &mut tops);
    assert_eq!(tops[0].qualifier, Some(1));
    assert_eq!(tops[2].qualifier, Some(3));
    // no place noun between: "on" alone is no container phrase
    assert_eq!(tops[3].qualifier, None);
}

#[test]
fn only_a_phrase_that_says_what_a_place_is_makes_the_next_name_its_container() {
    use newsgraph_geo::recognize::{link_qualifiers, Toponym};
    let text = "Bradford is a village in Essex County. \
                Miramar, a suburb of Wellington, flooded. \
                Patients in Kisumu were flown to the capital city of Nairobi. \
                Flights to Paris, London and Berlin stopped.";
    let at = |name: &str| {
        let i = text.find(name).expect("in text");
        Toponym::new(Span::new(i, i + name.len()), name.to_lowercase())
    };
    let mut tops = vec![
        at("Bradford"),
        at("Essex County"),
        at("Miramar"),
        at("Wellington"),
        at("Kisumu"),
        at("Nairobi"),
        at("Paris"),
        at("London"),
    ];
    link_qualifiers(text, &mut tops);
    let linked: Vec<(Option<usize>, bool)> =
        tops.iter().map(|t| (t.qualifier, t.contained)).collect();
    assert_eq!(linked[0], (Some(1), true), "is a village in");
    assert_eq!(linked[2], (Some(3), true), ", a suburb of");
    // a container phrase that does not describe Kisumu: linked, not contained
    assert_eq!(linked[4], (Some(5), false));
    // a bare comma: a qualifier, never a container
    assert_eq!(linked[6], (Some(7), false));
}

#[test]
fn a_small_container_stands_in_for_a_place_none_of_whose_namesakes_lies_in_it() {
    // No Bradford of the gazetteer lies in Essex County, Massachusetts: the
    // county is a better point than Bradford, Pennsylvania.
    let text = "Bradford is a village in Essex County, Massachusetts. \
                Bradford has its own post office.";
    let places = parse(text);
    let bradford: Vec<&Place> = places
        .iter()
        .filter(|(s, _)| s == "Bradford")
        .map(|(_, p)| p)
        .collect();
    assert_eq!(bradford.len(), 2);
    for p in bradford {
        let g = p.resolved.as_ref().expect("resolved");
        assert_eq!(
            (
                g.name.as_str(),
                g.feature_code.as_str(),
                g.admin1.as_deref()
            ),
            ("Essex County", "ADM2", Some("MA"))
        );
        assert!(
            g.confidence <= 0.5,
            "a stand-in is unsure: {}",
            g.confidence
        );
        assert!(p.within, "the place says it is read as its container");
    }
    // A name the gazetteer lacks altogether, given as a span.
    let text = "Fooville is a village in Essex County, Massachusetts.";
    let spans = [Span::new(0, 8)];
    let p = &Geoparser::embedded().resolve_spans(text, &spans)[0];
    assert_eq!(
        p.resolved.as_ref().map(|g| g.name.as_str()),
        Some("Essex County")
    );
    assert!(p.within);
}

#[test]
fn no_container_stands_in_for_a_namesake_inside_it_a_large_area_or_a_list() {
    // Essex County has a Lawrence of its own: it is read, not the county.
    let p = find(
        "Lawrence is a city in Essex County, Massachusetts.",
        "Lawrence",
    );
    assert!(!p.within, "Lawrence is read as itself");
    let g = p.resolved.unwrap();
    assert_eq!(
        (g.feature_code.starts_with("PPL"), g.admin1.as_deref()),
        (true, Some("MA"))
    );
    // A first-order division is no stand-in ("a town in Oromia Region").
    let p = find("Kisumu is a town in the Nyanza region of Kenya.", "Kisumu");
    assert_eq!(p.resolved.unwrap().name, "Kisumu");
    // A bare comma between known names is a list, not a container.
    let p = find("Flights to Paris, London and Berlin stopped.", "Paris");
    assert_eq!(code_country_admin1(&p).1, "FR");
    // A country named "in" a city is no place inside it.
    let p = find(
        "The epidemic in Zimbabwe's capital of Harare grew.",
        "Zimbabwe",
    );
    assert_eq!(p.resolved.unwrap().feature_code, "PCLI");
}

#[test]
fn a_country_is_supported_by_the_places_named_inside_it() {
    let text = "Flu cases rose in Mexico this week. Mexico reported new cases in \
                Oaxaca and Guadalajara, and Mexico closed schools.";
    let spans: Vec<Span> = ["Mexico", "Oaxaca", "Guadalajara"]
        .iter()
        .flat_map(|n| {
            text.match_indices(n)
                .map(|(i, _)| Span::new(i, i + n.len()))
        })
        .collect();
    let parser = Geoparser::embedded();
    let gaz = parser.gazetteer();
    let groups = parser.rank_groups(text, &spans);
    let (_, cands) = groups
        .iter()
        .find(|(given, _)| &text[given[0].start..given[0].end] == "Mexico")
        .expect("Mexico's group");
    let k = rank::index("area_support");
    let feature_of = |code: &str| {
        cands
            .iter()
            .find(|(p, _)| gaz.feature_code(gaz.place(*p)) == code)
            .unwrap_or_else(|| panic!("a {code} reading of Mexico"))
            .1[k]
    };
    // Oaxaca and Guadalajara lie in the country: ln(1 + 2)
    assert!((feature_of("PCLI") - 3f64.ln()).abs() < 1e-9);
    // a populated place has point support instead
    assert_eq!(feature_of("PPLC"), 0.0);
    let p = find(text, "Mexico");
    assert_eq!(p.resolved.unwrap().feature_code, "PCLI");
}

#[test]
fn a_name_runs_across_and_in_other_languages() {
    let text = "Sande is a municipality in Møre og Romsdal county, Norway.";
    assert!(surfaces(text).contains(&"Møre og Romsdal".to_string()));
    let p = find(text, "Møre og Romsdal");
    assert_eq!(
        code_country_admin1(&p),
        ("ADM1".into(), "NO".into(), Some("08".into()))
    );
    // and the county, now read whole, qualifies Sande
    assert_eq!(code_country_admin1(&find(text, "Sande")).1, "NO");
    // a connector joins only what the gazetteer names whole
    assert_eq!(
        surfaces("Smith et al. studied Paris and Rome."),
        vec!["Paris", "Rome"]
    );
}
