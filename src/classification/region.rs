//! Region codes: China's administrative division codes, GB/T 2260 (six digits: province,
//! prefecture, county). The core checks the form and the province; the full county list
//! changes every year and is the portal's business, not the model's.

/// A province-level division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    /// The first two digits of every code in the province.
    pub prefix: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
    /// English name.
    pub name_en: &'static str,
}

impl Province {
    /// The province of a six-digit region code, if its first two digits name one.
    pub fn of_code(code: &str) -> Option<&'static Province> {
        let prefix = code.get(..2)?;
        PROVINCES.iter().find(|province| province.prefix == prefix)
    }
}

macro_rules! provinces {
    ($($prefix:literal $zh:literal $en:literal;)*) => {
        /// All province-level divisions, in code order.
        pub const PROVINCES: &[Province] = &[
            $(Province { prefix: $prefix, name_zh: $zh, name_en: $en },)*
        ];
    };
}

provinces! {
    "11" "北京市" "Beijing";
    "12" "天津市" "Tianjin";
    "13" "河北省" "Hebei";
    "14" "山西省" "Shanxi";
    "15" "内蒙古自治区" "Inner Mongolia";
    "21" "辽宁省" "Liaoning";
    "22" "吉林省" "Jilin";
    "23" "黑龙江省" "Heilongjiang";
    "31" "上海市" "Shanghai";
    "32" "江苏省" "Jiangsu";
    "33" "浙江省" "Zhejiang";
    "34" "安徽省" "Anhui";
    "35" "福建省" "Fujian";
    "36" "江西省" "Jiangxi";
    "37" "山东省" "Shandong";
    "41" "河南省" "Henan";
    "42" "湖北省" "Hubei";
    "43" "湖南省" "Hunan";
    "44" "广东省" "Guangdong";
    "45" "广西壮族自治区" "Guangxi";
    "46" "海南省" "Hainan";
    "50" "重庆市" "Chongqing";
    "51" "四川省" "Sichuan";
    "52" "贵州省" "Guizhou";
    "53" "云南省" "Yunnan";
    "54" "西藏自治区" "Tibet";
    "61" "陕西省" "Shaanxi";
    "62" "甘肃省" "Gansu";
    "63" "青海省" "Qinghai";
    "64" "宁夏回族自治区" "Ningxia";
    "65" "新疆维吾尔自治区" "Xinjiang";
    "71" "台湾省" "Taiwan";
    "81" "香港特别行政区" "Hong Kong";
    "82" "澳门特别行政区" "Macao";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_of_a_county_code() {
        assert_eq!(
            Province::of_code("330106").map(|p| p.name_en),
            Some("Zhejiang")
        );
        assert_eq!(Province::of_code("990000"), None);
        assert_eq!(Province::of_code("3"), None);
        assert_eq!(PROVINCES.len(), 34);
    }
}
