//! The domain model's fixed vocabulary: the 13 basic public service domains the
//! seed report names (幼有所育 … 公共安全保障). Plain data, below every stage.

/// One of the 13 basic public service domains named by the seed report.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Domain {
    /// URL segment.
    pub slug: &'static str,
    /// The Chinese name, as written in front matter.
    pub name: &'static str,
    /// A plain description of what it covers.
    pub plain: &'static str,
}

/// The 13 service domains, in the order the report names them.
pub const DOMAINS: [Domain; 13] = [
    Domain {
        slug: "childcare",
        name: "幼有所育",
        plain: "托育、儿童关爱、妇幼健康",
    },
    Domain {
        slug: "education",
        name: "学有所教",
        plain: "学前教育、义务教育、高中和职业教育",
    },
    Domain {
        slug: "employment",
        name: "劳有所得",
        plain: "就业帮扶、职业培训、劳动权益",
    },
    Domain {
        slug: "health",
        name: "病有所医",
        plain: "看病就医、公共卫生、医疗保障",
    },
    Domain {
        slug: "elderly-care",
        name: "老有所养",
        plain: "养老服务、老年人健康、养老保险",
    },
    Domain {
        slug: "funeral",
        name: "逝有所安",
        plain: "殡葬服务和惠民殡葬政策",
    },
    Domain {
        slug: "housing",
        name: "住有所居",
        plain: "保障性住房、住房补贴、老旧小区改造",
    },
    Domain {
        slug: "social-support",
        name: "弱有所扶",
        plain: "困难群众救助、残疾人服务、儿童福利",
    },
    Domain {
        slug: "transport",
        name: "行有所畅",
        plain: "城乡公交、出行便利、无障碍出行",
    },
    Domain {
        slug: "environment",
        name: "环境友好",
        plain: "空气和水、垃圾处理、公园绿地",
    },
    Domain {
        slug: "veterans",
        name: "优军服务保障",
        plain: "退役军人和军属的优待与服务",
    },
    Domain {
        slug: "culture-sport",
        name: "文体服务保障",
        plain: "图书馆、文化活动、健身场地",
    },
    Domain {
        slug: "public-safety",
        name: "公共安全保障",
        plain: "应急管理、消防、食品药品安全",
    },
];
