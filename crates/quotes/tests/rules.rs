//! One test per quotation pattern, on short texts written for the test.
//! Entity layers are built by hand (see `common`).

mod common;

use common::*;
use newsgraph_doc::{EntityLabel, QuoteKind};

fn run(text: &str, ents: &[Ent]) -> (newsgraph_doc::Doc, Vec<newsgraph_doc::Quote>) {
    let mut doc = doc_with(text, ents, true);
    let q = quotes(&mut doc);
    (doc, q)
}

#[test]
fn colon_introduced_direct_quotation() {
    let (doc, q) = run(
        "Angela Merkel said: “We will manage this.”",
        &[per("Angela Merkel", &["Angela Merkel"])],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(contents(&doc, &q[0]), ["“We will manage this.”"]);
    assert_eq!(s(&doc, q[0].cue), Some("said"));
    assert_eq!(q[0].speaker_name.as_deref(), Some("Angela Merkel"));
}

#[test]
fn split_quotation_is_one_quote_with_two_content_spans() {
    let (doc, q) = run(
        "“We are ready,” Ms Smith said, “and we will win.”",
        &[per("Jane Smith", &["Smith"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        contents(&doc, &q[0]),
        ["“We are ready,”", "“and we will win.”"]
    );
    assert_eq!(s(&doc, q[0].speaker), Some("Ms Smith"));
}

#[test]
fn inverted_cue_after_quotation() {
    let (doc, q) = run(
        "\"It is a disaster,\" said Mr. Jones, a local farmer.",
        &[per("Tom Jones", &["Jones"])],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(contents(&doc, &q[0]), ["\"It is a disaster,\""]);
    // An appositive that ends the sentence is part of the speaker mention.
    assert_eq!(s(&doc, q[0].speaker), Some("Mr. Jones, a local farmer"));
    assert_eq!(q[0].speaker_name.as_deref(), Some("Tom Jones"));
}

#[test]
fn indirect_speech_with_addressee() {
    let (doc, q) = run(
        "Emmanuel Macron met Joe Biden on Monday. Mr Macron told Mr Biden that France would send more aid.",
        &[
            per("Emmanuel Macron", &["Emmanuel Macron", "Macron"]),
            per("Joe Biden", &["Joe Biden", "Biden"]),
        ],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(contents(&doc, &q[0]), ["that France would send more aid"]);
    assert_eq!(s(&doc, q[0].addressee), Some("Mr Biden"));
    assert_eq!(q[0].addressee_entity.map(|e| e.0), Some(1));
    assert_eq!(q[0].speaker_entity.map(|e| e.0), Some(0));
}

#[test]
fn mixed_quotation_keeps_the_reported_clause() {
    let (doc, q) = run(
        "Rishi Sunak says inflation will fall “by the end of the year”, despite warnings.",
        &[per("Rishi Sunak", &["Rishi Sunak"])],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(
        contents(&doc, &q[0]),
        ["inflation will fall “by the end of the year”"]
    );
}

#[test]
fn scare_quotes_and_titles_are_not_quotations() {
    let (_, q) = run(
        "The so-called “special operation” went on. She watched “The Crown” again. Critics call it a “disaster”.",
        &[],
    );
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn unattributed_full_sentence_quotation_is_not_a_quotation() {
    let (_, q) = run("“We will never surrender.”\nThe war went on.", &[]);
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn unbalanced_mark_closes_at_paragraph_end_and_warns() {
    let mut doc = doc_with(
        "Boris Johnson said: “We will get Brexit done.\nParliament was not convinced.",
        &[per("Boris Johnson", &["Boris Johnson"])],
        true,
    );
    let diags = newsgraph_doc::Stage::run(&newsgraph_quotes::QuoteStage::new(), &mut doc).unwrap();
    let q = doc.quotes().unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(contents(&doc, &q[0]), ["“We will get Brexit done."]);
    assert_eq!(diags.len(), 1);
}

#[test]
fn nested_quotation_stays_inside_the_outer_one() {
    let (doc, q) = run(
        "“He told me ‘never again’ and left,” Ms Ardern said.",
        &[per("Jacinda Ardern", &["Ardern"])],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(
        contents(&doc, &q[0]),
        ["“He told me ‘never again’ and left,”"]
    );
}

#[test]
fn according_to_attributes_the_clause() {
    let (doc, q) = run(
        "The economy shrank by 2%, according to the national statistics office.",
        &[],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(contents(&doc, &q[0]), ["The economy shrank by 2%"]);
    assert_eq!(s(&doc, q[0].cue), Some("according to"));
    assert_eq!(
        s(&doc, q[0].speaker),
        Some("the national statistics office")
    );
}

#[test]
fn inverted_indirect_speech_after_a_comma() {
    let (doc, q) = run(
        "Olaf Scholz visited Kyiv. The talks went well, he said.",
        &[per("Olaf Scholz", &["Olaf Scholz"])],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(contents(&doc, &q[0]), ["The talks went well"]);
    assert_eq!(q[0].speaker_name.as_deref(), Some("Olaf Scholz"));
}

#[test]
fn pronoun_skips_a_name_of_the_wrong_gender() {
    let (_, q) = run(
        "Mr Sanchez met Mrs Meloni in Rome. She said that the talks had failed.",
        &[
            per("Pedro Sanchez", &["Sanchez"]),
            per("Giorgia Meloni", &["Meloni"]),
        ],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker_name.as_deref(), Some("Giorgia Meloni"));
}

#[test]
fn ambiguous_pronoun_stays_unresolved() {
    let (_, q) = run(
        "The meeting between Olaf Scholz and Emmanuel Macron ended. He said that it went well.",
        &[
            per("Olaf Scholz", &["Olaf Scholz"]),
            per("Emmanuel Macron", &["Emmanuel Macron"]),
        ],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker_name, None);
}

#[test]
fn description_needs_a_unique_match() {
    // Two presidents and no nationality known: "the president" is left
    // unresolved; "the French president" picks the one the text calls French.
    let text = "French President Emmanuel Macron met President Joe Biden. \
                The president said that talks would go on. \
                The French president told reporters that he was pleased.";
    let (_, q) = run(
        text,
        &[
            per("Emmanuel Macron", &["Emmanuel Macron"]),
            per("Joe Biden", &["Joe Biden"]),
            Ent {
                label: EntityLabel::Demonym,
                canonical: "French",
                names: &["French"],
                attrs: &[],
            },
        ],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].speaker_name, None);
    assert_eq!(q[1].speaker_name.as_deref(), Some("Emmanuel Macron"));
}

#[test]
fn boilerplate_headline_colon_is_not_a_quotation_but_body_transcript_is() {
    let (doc, q) = run(
        "WALLACE: Governor, I want to ask you about taxes.\nPENCE: Well, the answer is simple.",
        &[],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(s(&doc, q[0].speaker), Some("WALLACE"));
    assert_eq!(s(&doc, q[0].cue), Some(":"));
}

#[test]
fn quotation_over_paragraphs_with_channel_and_time() {
    let text =
        "Speaking on Twitter on Monday morning, Ms Harris said: “First part.\n“Second part.”";
    let (doc, q) = run(text, &[per("Kamala Harris", &["Harris"])]);
    assert_eq!(q.len(), 1);
    assert_eq!(contents(&doc, &q[0]), ["“First part.", "“Second part.”"]);
    assert_eq!(s(&doc, q[0].channel), Some("on Twitter"));
    assert_eq!(s(&doc, q[0].time), Some("on Monday morning"));
}

#[test]
fn whole_quoted_sentence_after_reported_speech_follows_on_with_the_same_speaker() {
    let (doc, q) = run(
        "Mr. Ahmed Khan, a shopkeeper, said about 40 businesses were closed. “It’s the third time since March.”",
        &[per("Ahmed Khan", &["Ahmed Khan"])],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(contents(&doc, &q[0]), ["about 40 businesses were closed"]);
    assert_eq!(s(&doc, q[0].speaker), Some("Mr. Ahmed Khan, a shopkeeper,"));
    assert_eq!(q[1].kind, QuoteKind::Direct);
    assert_eq!(q[1].cue, None);
    assert_eq!(q[1].speaker_name.as_deref(), Some("Ahmed Khan"));
}

#[test]
fn quoted_show_title_before_a_cue_is_not_speech() {
    let (doc, q) = run(
        "In an interview on “Fox News Sunday,” Mike Pence said the campaign was strong.",
        &[per("Mike Pence", &["Mike Pence"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(contents(&doc, &q[0]), ["the campaign was strong"]);
}

#[test]
fn split_quotation_around_a_possessive_speaker() {
    let (doc, q) = run(
        "“If he thinks that makes him smart,” the ad’s narrator says, “what does he think of you?”",
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(s(&doc, q[0].speaker), Some("the ad’s narrator"));
    assert_eq!(q[0].content.len(), 2);
}

#[test]
fn whole_quoted_paragraph_after_a_cued_paragraph_continues_it() {
    let (doc, q) = run(
        "“No one is writing songs for her,” Mr Lee said.\n“Right now, the vote is against him.”\nThe rally ended.",
        &[per("Spike Lee", &["Lee"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].content.len(), 2);
    assert_eq!(
        contents(&doc, &q[0])[1],
        "“Right now, the vote is against him.”"
    );
}

#[test]
fn reported_content_stops_at_the_writers_new_clause_but_not_at_but_that() {
    let (doc, q) = run(
        "Terry McAuliffe said about 20 people were interested, but he refuses to discuss names. \
         He told Mr Kaine that he understood, but that Richmond would decide.",
        &[
            per("Terry McAuliffe", &["Terry McAuliffe"]),
            per("Tim Kaine", &["Kaine"]),
        ],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(contents(&doc, &q[0]), ["about 20 people were interested"]);
    assert_eq!(
        contents(&doc, &q[1]),
        ["that he understood, but that Richmond would decide"]
    );
}

#[test]
fn place_before_a_colon_is_not_a_speaker() {
    let (_, q) = run(
        "Kyiv: The city was quiet on Sunday.",
        &[Ent {
            label: EntityLabel::Location,
            canonical: "Kyiv",
            names: &["Kyiv"],
            attrs: &[],
        }],
    );
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn dash_attribution_after_a_quotation_paragraph() {
    let text = "Readers wrote to us.\n\n“The debate changed my mind. I will vote.” ― Ana Lopez\n\n“Nothing new.” — Tom Reed, a teacher in Ohio.";
    let (doc, q) = run(
        text,
        &[
            per("Ana Lopez", &["Ana Lopez"]),
            per("Tom Reed", &["Tom Reed"]),
        ],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(
        contents(&doc, &q[0]),
        ["“The debate changed my mind. I will vote.”"]
    );
    assert_eq!(s(&doc, q[0].cue), Some("―"));
    assert_eq!(s(&doc, q[0].speaker), Some("Ana Lopez"));
    assert_eq!(q[0].speaker_name.as_deref(), Some("Ana Lopez"));
    assert_eq!(q[1].speaker_name.as_deref(), Some("Tom Reed"));
}

#[test]
fn a_dash_inside_a_sentence_is_not_an_attribution() {
    // The quotation does not open its paragraph, and the name after the
    // dash does not end it.
    let text = "He called the plan “a disaster” — Ana Lopez disagreed.\n\n“A disaster” — Ana Lopez said nothing more about it that day.";
    let (_, q) = run(text, &[per("Ana Lopez", &["Ana Lopez"])]);
    assert!(
        q.iter().all(|q| q
            .cue
            .is_none_or(|c| !"―—–-".contains(&text[c.start..c.end]))),
        "{q:?}"
    );
}

#[test]
fn a_second_quotation_after_a_long_aside_is_its_own_quotation() {
    let text = "\"We must talk about issues,\" Bernie Sanders said, suggesting a few questions, including, \"Do you think billionaires need a tax break?\"";
    let (doc, q) = run(text, &[per("Bernie Sanders", &["Bernie Sanders"])]);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(contents(&doc, &q[0]), ["\"We must talk about issues,\""]);
    assert_eq!(
        contents(&doc, &q[1]),
        ["\"Do you think billionaires need a tax break?\""]
    );
    assert!(q
        .iter()
        .all(|q| q.speaker_name.as_deref() == Some("Bernie Sanders")));
}

#[test]
fn a_participle_after_the_cue_shares_its_speaker() {
    let text = "“We can’t afford this anymore,” Donald Trump said, adding later, “NATO is costing us a fortune.”";
    let (doc, q) = run(text, &[per("Donald Trump", &["Donald Trump"])]);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(contents(&doc, &q[1]), ["“NATO is costing us a fortune.”"]);
    assert_eq!(s(&doc, q[1].cue), Some("adding"));
    assert_eq!(q[1].speaker_name.as_deref(), Some("Donald Trump"));
}

#[test]
fn a_lower_case_second_segment_after_an_aside_continues_the_quotation() {
    let text = "“Every time you say that,” Jon Tester said, referring to the excuse, “you give ammunition to your critics.”";
    let (doc, q) = run(text, &[per("Jon Tester", &["Jon Tester"])]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(contents(&doc, &q[0]).len(), 2);
}

#[test]
fn according_to_before_a_quotation_takes_the_whole_quotation() {
    let text = "Critics were loud. According to Rush Limbaugh, “If it was up to her, she would not say anything positive. The criticism is fair.” He went on.";
    let (doc, q) = run(text, &[per("Rush Limbaugh", &["Rush Limbaugh"])]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(
        contents(&doc, &q[0]),
        ["“If it was up to her, she would not say anything positive. The criticism is fair.”"]
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Rush Limbaugh"));
}

#[test]
fn a_paragraph_ending_with_said_colon_introduces_the_next_quotation() {
    let text = "Pat Caddell spoke on the radio. Pat Caddell continued:\n\n\"The health issue is very much a partisan issue.\"\n\nThe host agreed.";
    let (doc, q) = run(text, &[per("Pat Caddell", &["Pat Caddell", "Pat Caddell"])]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        contents(&doc, &q[0]),
        ["\"The health issue is very much a partisan issue.\""]
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Pat Caddell"));
}

#[test]
fn a_title_in_the_aside_does_not_split_the_quotation() {
    let text = "“He is right,” Michael Flynn said Thursday morning on Fox News’s “Fox and Friends.” “I mean, there is a lot of frustration.”";
    let (_, q) = run(text, &[per("Michael Flynn", &["Michael Flynn"])]);
    assert_eq!(q.len(), 1, "{q:?}");
}

#[test]
fn a_quotation_after_an_aside_sentence_is_its_own_quotation() {
    let text = "“We look at personality too much,” Bernie Sanders said, going on to contrast the two plans. “So look at the issues.”";
    let (doc, q) = run(text, &[per("Bernie Sanders", &["Bernie Sanders"])]);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(contents(&doc, &q[1]), ["“So look at the issues.”"]);
    assert_eq!(q[1].speaker_name.as_deref(), Some("Bernie Sanders"));
}

#[test]
fn title_after_possessive_is_not_speech() {
    // Rule `title_after_possessive`: the programme's title is not a
    // quotation; the reported speech after it is.
    let (doc, q) = run(
        "Speaking on Channel Nine’s “Morning Show,” Anna Berg said the budget was too small.",
        &[per("Anna Berg", &["Anna Berg"])],
    );
    assert!(
        q.iter()
            .all(|x| !contents(&doc, x).contains(&"“Morning Show,”")),
        "{q:?}"
    );
    assert!(q.iter().all(|x| x.kind != QuoteKind::Direct), "{q:?}");
}

#[test]
fn quoted_speech_after_a_possessive_is_still_speech() {
    // Lower-case words after a possessive are speech, not a title.
    let (doc, q) = run(
        "The mayor’s “plan has failed completely,” Tom Reed said.",
        &[per("Tom Reed", &["Tom Reed"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(s(&doc, q[0].speaker), Some("Tom Reed"));
}

#[test]
fn lead_in_before_a_lower_case_quotation_is_content() {
    // Rule `lead_in`: the clause opens outside the marks and goes on
    // inside them, so the whole clause is the (mixed) content.
    let (doc, q) = run(
        "The new bridge is “far too expensive for a small town,” Maria Lind said.",
        &[per("Maria Lind", &["Maria Lind"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(
        contents(&doc, &q[0]),
        ["The new bridge is “far too expensive for a small town,”"]
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Maria Lind"));
}

#[test]
fn lead_in_before_a_capitalised_quotation_is_the_writers() {
    // A quotation that opens with a capital is a sentence of its own.
    let (doc, q) = run(
        "As for the new bridge, “It costs far too much,” Maria Lind said.",
        &[per("Maria Lind", &["Maria Lind"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(contents(&doc, &q[0]), ["“It costs far too much,”"]);
}

#[test]
fn parenthetical_cue_joins_the_clause_before_it() {
    // Rule `parenthetical_lead_in`: "A, he said, “b …”".
    let (doc, q) = run(
        "Paul Ek spoke at noon. A longer winter, he said, “would ruin the harvest.”",
        &[per("Paul Ek", &["Paul Ek"])],
    );
    let q: Vec<_> = q.iter().filter(|x| x.cue.is_some()).collect();
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(
        contents(&doc, q[0]),
        ["A longer winter", "“would ruin the harvest.”"]
    );
    assert_eq!(q[0].speaker_name.as_deref(), Some("Paul Ek"));
}

#[test]
fn quotation_that_goes_on_outside_its_marks_is_mixed() {
    // Rule `trail_out`: the quoted clause ends after the closing mark.
    let (doc, q) = run(
        "At the market, Ida Holm said, “We have two weeks to go” until the harvest.",
        &[per("Ida Holm", &["Ida Holm"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Mixed);
    assert_eq!(
        contents(&doc, &q[0]),
        ["“We have two weeks to go” until the harvest"]
    );
}

#[test]
fn quotation_closed_by_its_own_punctuation_stays_direct() {
    // A comma inside the marks ends the quoted clause there.
    let (doc, q) = run(
        "Ida Holm said, “We have two weeks to go,” and left the room.",
        &[per("Ida Holm", &["Ida Holm"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(contents(&doc, &q[0]), ["“We have two weeks to go,”"]);
}

#[test]
fn quotation_paragraph_after_a_cue_with_circumstance_continues_it() {
    // `continuation` across a paragraph: the cue's sentence ends its
    // paragraph, with a circumstance after the cue.
    let (doc, q) = run(
        "“The harvest was poor,” Ida Holm said at the market on the square.\n“Next year will be better.”\nPrices rose.",
        &[per("Ida Holm", &["Ida Holm"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        contents(&doc, &q[0]),
        ["“The harvest was poor,”", "“Next year will be better.”"]
    );
}

#[test]
fn a_parenthetical_between_speaker_and_cue_is_not_the_speaker_nor_is_the_topic() {
    // Rule `parenthetical_subject`: the name before the parenthetical is
    // the speaker; "of the vote" after the verb is its topic.
    let (doc, q) = run(
        "“We lost fair and square,” Mr Blunt, after a long pause, said of the vote.",
        &[per("Roy Blunt", &["Blunt"])],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(s(&doc, q[0].speaker), Some("Mr Blunt"));
    assert_eq!(q[0].speaker_name.as_deref(), Some("Roy Blunt"));
    // With no name before the verb, "of …" is still never taken.
    let (doc, q) = run(
        "“We lost fair and square,” said of the vote a man in the crowd.",
        &[],
    );
    assert!(
        q.iter().all(|x| s(&doc, x.speaker) != Some("of the vote")),
        "{q:?}"
    );
}
