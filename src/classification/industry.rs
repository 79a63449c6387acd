//! Industry codes: the 97 divisions (大类) of China's *Industrial classification for national
//! economic activities*, GB/T 4754-2017, each with its section (门类) and the nearest NAICS 2017
//! sector.
//!
//! The NAICS sector is what the risk model sees, because its training data (US SBA loans) is
//! coded in NAICS. Where a division spans several NAICS sectors the mapping takes the sector
//! where most small firms in that division fall (e.g. 72 商务服务业 → 54 Professional services);
//! the choice is documented here and in the model card, and a portal retraining on its own data
//! can use the GB/T code directly.

/// A NAICS 2017 sector (two-digit code; manufacturing, retail and transport use the first code
/// of their ranges: 31 for 31–33, 44 for 44–45, 48 for 48–49).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NaicsSector(pub u8);

/// One GB/T 4754-2017 division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Industry {
    /// Two-digit division code, "01" to "97".
    pub code: &'static str,
    /// Section letter, 'A' to 'T'.
    pub section: char,
    /// Official Chinese name.
    pub name_zh: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Nearest NAICS sector.
    pub naics: NaicsSector,
}

impl Industry {
    /// Looks up a division by its two-digit code.
    pub fn by_code(code: &str) -> Option<&'static Industry> {
        // The table is in code order (a test checks it), and scoring looks this up every time.
        INDUSTRIES
            .binary_search_by(|industry| industry.code.cmp(code))
            .ok()
            .map(|at| &INDUSTRIES[at])
    }
}

macro_rules! divisions {
    ($($code:literal $section:literal $naics:literal $zh:literal $en:literal;)*) => {
        /// All divisions, in code order.
        pub const INDUSTRIES: &[Industry] = &[
            $(Industry { code: $code, section: $section, name_zh: $zh, name_en: $en, naics: NaicsSector($naics) },)*
        ];
    };
}

divisions! {
    "01" 'A' 11 "农业" "Farming";
    "02" 'A' 11 "林业" "Forestry";
    "03" 'A' 11 "畜牧业" "Animal husbandry";
    "04" 'A' 11 "渔业" "Fishery";
    "05" 'A' 11 "农、林、牧、渔专业及辅助性活动" "Support activities for agriculture";
    "06" 'B' 21 "煤炭开采和洗选业" "Coal mining and washing";
    "07" 'B' 21 "石油和天然气开采业" "Oil and gas extraction";
    "08" 'B' 21 "黑色金属矿采选业" "Ferrous metal ore mining";
    "09" 'B' 21 "有色金属矿采选业" "Non-ferrous metal ore mining";
    "10" 'B' 21 "非金属矿采选业" "Non-metallic mineral mining";
    "11" 'B' 21 "开采专业及辅助性活动" "Support activities for mining";
    "12" 'B' 21 "其他采矿业" "Other mining";
    "13" 'C' 31 "农副食品加工业" "Agricultural and sideline food processing";
    "14" 'C' 31 "食品制造业" "Food manufacturing";
    "15" 'C' 31 "酒、饮料和精制茶制造业" "Liquor, beverage and refined tea manufacturing";
    "16" 'C' 31 "烟草制品业" "Tobacco products";
    "17" 'C' 31 "纺织业" "Textiles";
    "18" 'C' 31 "纺织服装、服饰业" "Apparel and clothing accessories";
    "19" 'C' 31 "皮革、毛皮、羽毛及其制品和制鞋业" "Leather, fur, feather products and footwear";
    "20" 'C' 31 "木材加工和木、竹、藤、棕、草制品业" "Wood, bamboo, rattan, palm and straw products";
    "21" 'C' 31 "家具制造业" "Furniture manufacturing";
    "22" 'C' 31 "造纸和纸制品业" "Paper and paper products";
    "23" 'C' 31 "印刷和记录媒介复制业" "Printing and reproduction of recorded media";
    "24" 'C' 31 "文教、工美、体育和娱乐用品制造业" "Stationery, craft, sporting and toy manufacturing";
    "25" 'C' 31 "石油、煤炭及其他燃料加工业" "Petroleum, coal and other fuel processing";
    "26" 'C' 31 "化学原料和化学制品制造业" "Chemical raw materials and products";
    "27" 'C' 31 "医药制造业" "Pharmaceutical manufacturing";
    "28" 'C' 31 "化学纤维制造业" "Chemical fibres";
    "29" 'C' 31 "橡胶和塑料制品业" "Rubber and plastic products";
    "30" 'C' 31 "非金属矿物制品业" "Non-metallic mineral products";
    "31" 'C' 31 "黑色金属冶炼和压延加工业" "Ferrous metal smelting and rolling";
    "32" 'C' 31 "有色金属冶炼和压延加工业" "Non-ferrous metal smelting and rolling";
    "33" 'C' 31 "金属制品业" "Fabricated metal products";
    "34" 'C' 31 "通用设备制造业" "General-purpose machinery";
    "35" 'C' 31 "专用设备制造业" "Special-purpose machinery";
    "36" 'C' 31 "汽车制造业" "Motor vehicles";
    "37" 'C' 31 "铁路、船舶、航空航天和其他运输设备制造业" "Railway, ship, aerospace and other transport equipment";
    "38" 'C' 31 "电气机械和器材制造业" "Electrical machinery and equipment";
    "39" 'C' 31 "计算机、通信和其他电子设备制造业" "Computers, communication and other electronic equipment";
    "40" 'C' 31 "仪器仪表制造业" "Instruments and meters";
    "41" 'C' 31 "其他制造业" "Other manufacturing";
    "42" 'C' 31 "废弃资源综合利用业" "Recycling of waste resources";
    "43" 'C' 81 "金属制品、机械和设备修理业" "Repair of metal products, machinery and equipment";
    "44" 'D' 22 "电力、热力生产和供应业" "Electricity and heat supply";
    "45" 'D' 22 "燃气生产和供应业" "Gas supply";
    "46" 'D' 22 "水的生产和供应业" "Water supply";
    "47" 'E' 23 "房屋建筑业" "Building construction";
    "48" 'E' 23 "土木工程建筑业" "Civil engineering";
    "49" 'E' 23 "建筑安装业" "Building installation";
    "50" 'E' 23 "建筑装饰、装修和其他建筑业" "Building decoration, renovation and other construction";
    "51" 'F' 42 "批发业" "Wholesale trade";
    "52" 'F' 44 "零售业" "Retail trade";
    "53" 'G' 48 "铁路运输业" "Rail transport";
    "54" 'G' 48 "道路运输业" "Road transport";
    "55" 'G' 48 "水上运输业" "Water transport";
    "56" 'G' 48 "航空运输业" "Air transport";
    "57" 'G' 48 "管道运输业" "Pipeline transport";
    "58" 'G' 48 "多式联运和运输代理业" "Multimodal transport and freight forwarding";
    "59" 'G' 48 "装卸搬运和仓储业" "Cargo handling and warehousing";
    "60" 'G' 48 "邮政业" "Postal and courier services";
    "61" 'H' 72 "住宿业" "Accommodation";
    "62" 'H' 72 "餐饮业" "Food and beverage services";
    "63" 'I' 51 "电信、广播电视和卫星传输服务" "Telecommunications, broadcasting and satellite transmission";
    "64" 'I' 51 "互联网和相关服务" "Internet and related services";
    "65" 'I' 54 "软件和信息技术服务业" "Software and IT services";
    "66" 'J' 52 "货币金融服务" "Monetary and financial services";
    "67" 'J' 52 "资本市场服务" "Capital market services";
    "68" 'J' 52 "保险业" "Insurance";
    "69" 'J' 52 "其他金融业" "Other financial services";
    "70" 'K' 53 "房地产业" "Real estate";
    "71" 'L' 53 "租赁业" "Leasing";
    "72" 'L' 54 "商务服务业" "Business services";
    "73" 'M' 54 "研究和试验发展" "Research and experimental development";
    "74" 'M' 54 "专业技术服务业" "Professional technical services";
    "75" 'M' 54 "科技推广和应用服务业" "Technology promotion and application services";
    "76" 'N' 22 "水利管理业" "Water conservancy management";
    "77" 'N' 56 "生态保护和环境治理业" "Ecological protection and environmental remediation";
    "78" 'N' 56 "公共设施管理业" "Public facilities management";
    "79" 'N' 53 "土地管理业" "Land management";
    "80" 'O' 81 "居民服务业" "Household services";
    "81" 'O' 81 "机动车、电子产品和日用产品修理业" "Repair of motor vehicles, electronics and household goods";
    "82" 'O' 81 "其他服务业" "Other services";
    "83" 'P' 61 "教育" "Education";
    "84" 'Q' 62 "卫生" "Health care";
    "85" 'Q' 62 "社会工作" "Social work";
    "86" 'R' 51 "新闻和出版业" "News and publishing";
    "87" 'R' 51 "广播、电视、电影和录音制作业" "Radio, television, film and sound recording";
    "88" 'R' 71 "文化艺术业" "Culture and arts";
    "89" 'R' 71 "体育" "Sports";
    "90" 'R' 71 "娱乐业" "Entertainment";
    "91" 'S' 92 "中国共产党机关" "Communist Party of China organs";
    "92" 'S' 92 "国家机构" "State organs";
    "93" 'S' 92 "人民政协、民主党派" "CPPCC and democratic parties";
    "94" 'S' 92 "社会保障" "Social security";
    "95" 'S' 81 "群众团体、社会团体和其他成员组织" "Mass organisations, social and membership organisations";
    "96" 'S' 92 "基层群众自治组织及其他组织" "Grassroots self-governing and other organisations";
    "97" 'T' 92 "国际组织" "International organisations";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_97_divisions_in_order() {
        assert_eq!(INDUSTRIES.len(), 97);
        for (index, industry) in INDUSTRIES.iter().enumerate() {
            assert_eq!(industry.code, format!("{:02}", index + 1));
        }
    }

    #[test]
    fn sections_and_sectors_agree_with_the_standards() {
        let restaurants = Industry::by_code("62").expect("division 62 exists");
        assert_eq!(
            (restaurants.section, restaurants.naics),
            ('H', NaicsSector(72))
        );
        let retail = Industry::by_code("52").expect("division 52 exists");
        assert_eq!((retail.section, retail.naics), ('F', NaicsSector(44)));
        assert!(Industry::by_code("98").is_none());
        assert!(Industry::by_code("6").is_none());
        let sections: std::collections::BTreeSet<char> =
            INDUSTRIES.iter().map(|industry| industry.section).collect();
        assert_eq!(sections.len(), 20, "GB/T 4754-2017 has sections A to T");
    }
}
