//! The scoring rules of ../shared/eval/score.py, in Rust, so the test run
//! checks extraction against gold annotations without Python: meetings
//! paired by date, body, name and shared directives; exact fields compared
//! on a Simplified, punctuation-free form; people as name sets; directives
//! matched when the Dice coefficient of their character bigrams is ≥ 0.6.

use serde_json::Value;
use std::collections::{HashMap, HashSet};

const MATCH_DICE: f64 = 0.6;

pub fn squash(v: Option<&Value>) -> String {
    let s = match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => return String::new(),
        Some(other) => other.to_string(),
    };
    fast2s::convert(&s).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn bigrams(s: &str) -> Vec<String> {
    let cs: Vec<char> = s.chars().collect();
    if cs.len() < 2 {
        return if cs.is_empty() { vec![] } else { vec![s.to_owned()] };
    }
    cs.windows(2).map(|w| w.iter().collect()).collect()
}

pub fn dice(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(&squash(Some(&Value::String(a.into())))), bigrams(&squash(Some(&Value::String(b.into())))));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut pool: HashMap<&str, usize> = HashMap::new();
    for g in &b {
        *pool.entry(g).or_default() += 1;
    }
    let mut common = 0;
    for g in &a {
        if let Some(n) = pool.get_mut(g.as_str()) {
            if *n > 0 {
                *n -= 1;
                common += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

fn person_name(p: &Value) -> Option<&Value> {
    match p {
        Value::Object(o) => o.get("name"),
        Value::Null => None,
        other => Some(other),
    }
}

fn names(v: Option<&Value>) -> HashSet<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(person_name).map(|n| squash(Some(n))).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

fn flatten(v: Option<&Value>) -> Vec<&Value> {
    let mut out = Vec::new();
    for d in v.and_then(Value::as_array).into_iter().flatten() {
        out.push(d);
        out.extend(flatten(d.get("items")));
    }
    out
}

fn text(d: &Value) -> &str {
    d.get("text").and_then(Value::as_str).unwrap_or("")
}

fn pair_meetings(gold: &[Value], pred: &[Value]) -> HashMap<usize, usize> {
    let mut scored = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let mut s = 0.0;
            if !g["date"].is_null() && g["date"] == p["date"] {
                s += 2.0;
            }
            let gb = squash(g.get("body"));
            if !gb.is_empty() && gb == squash(p.get("body")) {
                s += 1.0;
            }
            s += dice(g["name"].as_str().unwrap_or(""), p["name"].as_str().unwrap_or(""));
            let gd: Vec<&str> = flatten(g.get("directives")).into_iter().map(text).collect();
            let pd: Vec<&str> = flatten(p.get("directives")).into_iter().map(text).collect();
            if !gd.is_empty() && !pd.is_empty() {
                s += gd.iter().filter(|t| pd.iter().any(|u| dice(t, u) >= MATCH_DICE)).count() as f64 / gd.len() as f64;
            }
            scored.push((s, gi, pi));
        }
    }
    scored.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let (mut ug, mut up, mut pairs) = (HashSet::new(), HashSet::new(), HashMap::new());
    for (s, gi, pi) in scored {
        if s > 0.0 && !ug.contains(&gi) && !up.contains(&pi) {
            ug.insert(gi);
            up.insert(pi);
            pairs.insert(gi, pi);
        }
    }
    pairs
}

#[derive(Default, Debug)]
pub struct Tally {
    c: HashMap<String, f64>,
    pub misses: Vec<String>,
}

impl Tally {
    fn add(&mut self, k: &str, n: f64) {
        *self.c.entry(k.to_owned()).or_default() += n;
    }
    fn get(&self, k: &str) -> f64 {
        self.c.get(k).copied().unwrap_or(0.0)
    }
    fn ratio(a: f64, b: f64) -> f64 {
        if b == 0.0 {
            0.0
        } else {
            a / b
        }
    }
    /// F1 of a set-like measure (`meetings`, `speakers`, `directives`…).
    pub fn f1(&self, k: &str) -> f64 {
        let p = Self::ratio(self.get(&format!("{k}.hit")), self.get(&format!("{k}.pred")));
        let r = Self::ratio(self.get(&format!("{k}.hit")), self.get(&format!("{k}.gold")));
        Self::ratio(2.0 * p * r, p + r)
    }
    /// Accuracy of an exact field over the gold meetings.
    pub fn acc(&self, field: &str) -> f64 {
        Self::ratio(self.get(&format!("{field}.ok")), self.get("meetings.gold"))
    }
    pub fn speaker_acc(&self) -> f64 {
        Self::ratio(self.get("directives.speaker_ok"), self.get("directives.hit"))
    }
}

fn set_counts(t: &mut Tally, k: &str, gold: &HashSet<String>, pred: &HashSet<String>) {
    t.add(&format!("{k}.gold"), gold.len() as f64);
    t.add(&format!("{k}.pred"), pred.len() as f64);
    t.add(&format!("{k}.hit"), gold.intersection(pred).count() as f64);
}

/// Scores predicted documents against gold documents (paired by file name).
pub fn score(gold_docs: &[Value], pred_docs: &[Value]) -> Tally {
    let mut t = Tally::default();
    let by_file: HashMap<String, &Value> = pred_docs
        .iter()
        .map(|d| {
            let f = d["file"].as_str().unwrap_or("");
            (f.rsplit('/').next().unwrap_or(f).to_owned(), d)
        })
        .collect();
    let empty = Value::Object(Default::default());
    for gold in gold_docs {
        let file = gold["file"].as_str().unwrap_or("");
        let doc = by_file.get(file).copied().unwrap_or(&empty);
        set_counts(&mut t, "reporters", &names(gold.get("reporters")), &names(doc.get("reporters")));
        let gm: Vec<Value> = gold["meetings"].as_array().cloned().unwrap_or_default();
        let pm: Vec<Value> = doc.get("meetings").and_then(Value::as_array).cloned().unwrap_or_default();
        t.add("meetings.gold", gm.len() as f64);
        t.add("meetings.pred", pm.len() as f64);
        let pairs = pair_meetings(&gm, &pm);
        t.add("meetings.hit", pairs.len() as f64);
        for (gi, g) in gm.iter().enumerate() {
            let p = pairs.get(&gi).map(|&pi| &pm[pi]).unwrap_or(&empty);
            let null = Value::Null;
            for f in ["date", "time_of_day", "level"] {
                let ok = g.get(f).unwrap_or(&null) == p.get(f).unwrap_or(&null);
                t.add(&format!("{f}.ok"), ok as u8 as f64);
                if !ok {
                    t.misses.push(format!("{file} #{gi}: {f} gold={} pred={}", g[f], p.get(f).unwrap_or(&null)));
                }
            }
            for f in ["body", "name"] {
                let ok = squash(g.get(f)) == squash(p.get(f));
                t.add(&format!("{f}.ok"), ok as u8 as f64);
                if !ok {
                    t.misses.push(format!("{file} #{gi}: {f} gold={} pred={}", g[f], p.get(f).unwrap_or(&null)));
                }
            }
            let ok = squash(g.get("chair").and_then(person_name)) == squash(p.get("chair").and_then(person_name));
            t.add("chair.ok", ok as u8 as f64);
            if !ok {
                t.misses.push(format!("{file} #{gi}: chair"));
            }
            set_counts(&mut t, "speakers", &names(g.get("speakers")), &names(p.get("speakers")));
            set_counts(&mut t, "attendees", &names(g.get("attendees")), &names(p.get("attendees")));
            let gd = flatten(g.get("directives"));
            let pd = flatten(p.get("directives"));
            t.add("directives.gold", gd.len() as f64);
            let mut cands = Vec::new();
            for (a, x) in gd.iter().enumerate() {
                for (b, y) in pd.iter().enumerate() {
                    let d = dice(text(x), text(y));
                    if d >= MATCH_DICE {
                        cands.push((d, a, b));
                    }
                }
            }
            cands.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
            let (mut ug, mut up) = (HashSet::new(), HashSet::new());
            for (_, a, b) in cands {
                if !ug.contains(&a) && !up.contains(&b) {
                    ug.insert(a);
                    up.insert(b);
                    t.add("directives.hit", 1.0);
                    let ok = squash(gd[a].get("speaker")) == squash(pd[b].get("speaker").and_then(person_name));
                    t.add("directives.speaker_ok", ok as u8 as f64);
                }
            }
            for (a, x) in gd.iter().enumerate() {
                if !ug.contains(&a) {
                    t.misses.push(format!("{file} #{gi}: directive missed: {}", text(x).chars().take(40).collect::<String>()));
                }
            }
        }
        for p in &pm {
            t.add("directives.pred", flatten(p.get("directives")).len() as f64);
        }
    }
    t
}

#[test]
fn dice_matches_the_python_scorer() {
    assert_eq!(dice("要切實做好,工作。", "要切实做好工作"), 1.0);
    assert!(dice("甲乙丙丁", "戊己庚辛") < 0.1);
    assert_eq!(squash(Some(&Value::String("會議, 一是".into()))), "会议一是");
}
