//! What a site gets when `site.toml` does not say: the audiences and life events
//! of a livelihood site, and what `minsheng check` reviews.

use serde::Deserialize;

use super::TermDef;

/// The audiences a livelihood site usually speaks to, used when `site.toml` names none.
pub fn default_audiences() -> Vec<TermDef> {
    [
        ("older-people", "老年人", "65岁及以上的老年人和他们的家人"),
        (
            "children-families",
            "儿童和家庭",
            "孕产妇、婴幼儿、中小学生和他们的家长",
        ),
        (
            "people-with-disabilities",
            "残疾人",
            "持证残疾人、孤独症儿童和他们的家人",
        ),
        (
            "job-seekers",
            "求职者",
            "高校毕业生、失业人员、就业困难人员",
        ),
        (
            "veterans",
            "退役军人和军属",
            "退役军人、现役军人家属和优抚对象",
        ),
        ("low-income", "困难群众", "低保、特困和低收入家庭"),
    ]
    .into_iter()
    .map(term)
    .collect()
}

fn term((slug, name, description): (&str, &str, &str)) -> TermDef {
    TermDef {
        slug: slug.into(),
        name: name.into(),
        description: description.into(),
    }
}

/// Life events people come with, used when `site.toml` names none.
pub fn default_events() -> Vec<TermDef> {
    [
        ("baby", "家里添了宝宝", "怀孕、生孩子、照看3岁以下的孩子"),
        ("school", "孩子上学", "入园、上学、升学"),
        ("job", "找工作、失业了", "求职、培训、失业登记"),
        ("getting-older", "年纪大了", "体检、养老、照护"),
        ("care", "家人需要照护", "生病、残疾、需要有人照顾"),
        ("home", "住房和出行", "租房、买房、坐公交"),
    ]
    .into_iter()
    .map(term)
    .collect()
}

/// What `minsheng check` reviews, and how strictly.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// Sentences longer than this many characters (CJK characters and Latin words
    /// count one each) are flagged.
    pub max_sentence: usize,
    /// Service guides not reviewed for this many days are flagged.
    pub review_days: i64,
    /// Officialese → a plainer suggestion.
    pub phrases: std::collections::BTreeMap<String, String>,
    /// Policy terms a reader may not know: flagged when used but not in the glossary.
    pub terms: Vec<String>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        let phrases = [
            (
                "打通最后一公里",
                "说清楚具体改变了什么,例如:“在家门口就能办”",
            ),
            ("织密织牢", "说具体增加了什么服务、多少人受益"),
            ("进一步加强", "说清楚要做什么、谁来做、什么时候做完"),
            ("切实", "删掉它，或说明具体怎么做"),
            ("统筹推进", "说清楚由谁负责、做哪几件事"),
            ("多措并举", "把“哪些措施”一条条写出来"),
            ("提质增效", "说清楚哪里变好了、快了多少"),
            ("获得感", "说清楚群众实际得到了什么"),
            ("均等化", "说“城里乡下、各区县都一样能享受”"),
            ("兜底", "说“生活困难时，政府保证……”"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let terms = [
            "普惠托育",
            "均等化",
            "无障碍改造",
            "医养结合",
            "托养",
            "孤独症",
            "优质均衡",
            "低保",
            "特困",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        CheckConfig {
            max_sentence: 80,
            review_days: 365,
            phrases,
            terms,
        }
    }
}
