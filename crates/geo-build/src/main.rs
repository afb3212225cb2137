//! `newsgraph-geo-build`: builds `data/gazetteer/gazetteer.bin.zst` from
//! standard GeoNames dump files, so anyone can rebuild it from GeoNames' own
//! exports (https://download.geonames.org/export/dump/) or from the registry
//! packages `tools/build-gazetteer/fetch.sh` lays out in that form.
//!
//! Inputs (in `--src DIR`):
//! - `cities500.txt` and any other 19-column GeoNames row files given with
//!   `--rows` (`gnc500.txt` from fetch.sh holds the places of a newer export
//!   that `cities500.txt` lacks; `extra.txt` holds countries, continents,
//!   ADM1 and US ADM2 rows); a missing row file is skipped with a note;
//! - `admin1CodesASCII.txt`, `admin2Codes.txt`, `countryInfo.txt`: divisions
//!   and countries missing from the row files are added at the centroid of
//!   their places, so plain GeoNames dumps suffice;
//! - `words` (optional): an English word list; a place name that the list
//!   holds in lower case is flagged as a common word.
//!
//! Kept: populated places with population ≥ `--min-population` or an
//! administrative seat (PPLA…PPLA2, PPLC), every ADM1/ADM2/PCLI/CONT row;
//! names: the GeoNames name, its ASCII form and Latin-script alternate names.

use anyhow::{Context, Result};
use clap::Parser;
use newsgraph_geo::gazetteer::{Entry, GazetteerBuilder};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(name = "newsgraph-geo-build", about = "Build the embedded gazetteer")]
struct Args {
    /// Folder with the GeoNames files (see tools/build-gazetteer/fetch.sh).
    #[arg(long)]
    src: PathBuf,
    /// Row files inside --src, 19-column GeoNames format.
    #[arg(long, default_values = ["cities500.txt", "gnc500.txt", "extra.txt"])]
    rows: Vec<String>,
    /// Output file.
    #[arg(long, default_value = "data/gazetteer/gazetteer.bin.zst")]
    out: PathBuf,
    /// Keep populated places at least this populous (seats are always kept).
    /// 0 keeps every row: cities500-style files already stop at 500 people,
    /// and WikToR-style small namesakes ("Linton, Indiana") need them.
    #[arg(long, default_value_t = 0)]
    min_population: u64,
    /// zstd level.
    #[arg(long, default_value_t = 19)]
    level: i32,
}

/// Feature codes of populated places kept whatever their population:
/// capitals and seats of first- and second-order divisions.
const SEATS: &[&str] = &["PPLC", "PPLA", "PPLA2", "PPLG"];
/// Feature codes of non-populated rows kept.
const AREAS: &[&str] = &["PCLI", "PCLD", "PCLF", "PCLS", "ADM1", "ADM2", "CONT"];

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph-geo-build: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A name worth indexing: Latin script, no digits, not a short all-caps
/// code (IATA/ICAO codes such as "KBP" would match acronyms in text) unless
/// the place is a country or a division, whose codes ("UK", "WA") are real.
fn keep_alternate(name: &str, code: &str) -> bool {
    let latin = name
        .chars()
        .all(|c| (c as u32) < 0x250 || c.is_whitespace() || "‘’'`-–.".contains(c));
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let caps_code = name.chars().all(|c| c.is_ascii_uppercase()) && letters <= 4;
    latin
        && letters >= 2
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || "()/".contains(c))
        && (!caps_code || matches!(code, "PCLI" | "ADM1"))
}

fn lines(path: &Path) -> Result<impl Iterator<Item = String>> {
    let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    Ok(BufReader::new(f).lines().map_while(|l| l.ok()))
}

fn cc(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    if b.len() == 2 {
        [b[0], b[1]]
    } else {
        [0, 0]
    }
}

fn run(args: Args) -> Result<()> {
    let t0 = Instant::now();
    let mut b = GazetteerBuilder::new();
    let mut seen = HashSet::new();
    // Sums for centroids of divisions the row files lack: (lat, lon, n, pop).
    let mut sums: HashMap<String, (f64, f64, f64, u64)> = HashMap::new();
    for file in &args.rows {
        let path = args.src.join(file);
        if !path.exists() {
            eprintln!("note: {} absent, skipped", path.display());
            continue;
        }
        for line in lines(&path)? {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 15 {
                continue;
            }
            let (Ok(id), Ok(lat), Ok(lon)) = (
                c[0].parse::<u32>(),
                c[4].parse::<f64>(),
                c[5].parse::<f64>(),
            ) else {
                continue;
            };
            let (fclass, code) = (c[6], c[7]);
            let pop: u64 = c[14].parse().unwrap_or(0);
            if fclass == "P" {
                for key in [
                    c[8].to_string(),
                    format!("{}.{}", c[8], c[10]),
                    format!("{}.{}.{}", c[8], c[10], c[11]),
                ] {
                    let s = sums.entry(key).or_default();
                    s.0 += lat;
                    s.1 += lon;
                    s.2 += 1.0;
                    s.3 += pop;
                }
            }
            let keep = (fclass == "P" && (pop >= args.min_population || SEATS.contains(&code)))
                || AREAS.contains(&code);
            if !keep || (id != 0 && !seen.insert(id)) {
                continue;
            }
            let idx = b.add_place(
                Entry {
                    id,
                    name: c[1].to_string(),
                    code: 0,
                    country: cc(c[8]),
                    admin1: c[10].to_string(),
                    // Only US counties are ADM2 places with codes (the
                    // resolver's "X, Y County" containment); elsewhere the
                    // code is never read, and dropping it saves a string per
                    // place when the gazetteer opens.
                    admin2: if c[8] == "US" {
                        c[11].to_string()
                    } else {
                        String::new()
                    },
                    lat: lat as f32,
                    lon: lon as f32,
                    population: pop,
                },
                code,
            );
            b.add_name(idx, c[1], true);
            b.add_name(idx, c[2], true);
            for alt in c[3].split(',') {
                if keep_alternate(alt, code) {
                    b.add_name(idx, alt, false);
                }
            }
        }
    }
    // Divisions and countries named in the code tables but absent from the rows.
    let mut synth = 0;
    let mut division =
        |b: &mut GazetteerBuilder, code: &str, name: &str, ascii: &str, id: u32, fcode: &str| {
            if id == 0 || seen.contains(&id) {
                return;
            }
            let Some(&(la, lo, n, pop)) = sums.get(code) else {
                return;
            };
            let parts: Vec<&str> = code.split('.').collect();
            let idx = b.add_place(
                Entry {
                    id,
                    name: name.to_string(),
                    code: 0,
                    country: cc(parts[0]),
                    admin1: parts.get(1).unwrap_or(&"").to_string(),
                    admin2: parts.get(2).unwrap_or(&"").to_string(),
                    lat: (la / n) as f32,
                    lon: (lo / n) as f32,
                    population: pop,
                },
                fcode,
            );
            b.add_name(idx, name, true);
            b.add_name(idx, ascii, true);
            seen.insert(id);
            synth += 1;
        };
    for (file, fcode) in [
        ("admin1CodesASCII.txt", "ADM1"),
        ("admin2Codes.txt", "ADM2"),
    ] {
        let path = args.src.join(file);
        if !path.exists() {
            continue;
        }
        for line in lines(&path)? {
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() >= 4 {
                division(&mut b, c[0], c[1], c[2], c[3].parse().unwrap_or(0), fcode);
            }
        }
    }
    let path = args.src.join("countryInfo.txt");
    if path.exists() {
        for line in lines(&path)? {
            let c: Vec<&str> = line.split('\t').collect();
            if line.starts_with('#') || c.len() < 17 {
                continue;
            }
            if let Ok(id) = c[16].parse() {
                division(&mut b, c[0], c[4], c[4], id, "PCLI");
            }
        }
    }
    let words = args.src.join("words");
    let mut common = 0;
    if words.exists() {
        for w in lines(&words)? {
            if w.chars().next().is_some_and(|c| c.is_lowercase()) && !w.contains('\'') {
                b.mark_common(&w);
                common += 1;
            }
        }
    }
    let (places, names) = (b.places().len(), b.name_count());
    let bytes = b.finish(args.level)?;
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "{places} places ({synth} synthesised from code tables), {names} names, {common} common words; {} bytes compressed -> {} in {:.1}s",
        bytes.len(),
        args.out.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
